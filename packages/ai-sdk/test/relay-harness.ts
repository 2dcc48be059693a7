import { createMockApp } from '@chatroutes/mock';
import { ChatRoutes } from 'chatroutes';
import { createRelay, memoryOwnership } from 'chatroutes/server';

const APP_KEY = 'cr_app_secret_key_0123456789';
const UPSTREAM = 'http://chatroutes.test/api/v1';
const RELAY = 'http://app.test/api/chatroutes';

/** A request the browser's client made to the relay. */
export interface Sent {
  method: string;
  path: string;
}

/**
 * The setting of a browser app: the mock behind a relay (in process), and a browser's
 * client of the relay, with no key of the app, signed in by a session header. `fault` may add an
 * `x-mock-fault` header to a request the relay forwards to the mock.
 */
export function relayedClient(
  options: { fault?: (request: Request) => string | undefined; streamDelayMs?: number } = {},
) {
  const mock = createMockApp({ streamDelayMs: options.streamDelayMs ?? 0, apiKeys: [APP_KEY] });
  const relay = createRelay({
    // The app's session check, as a header: a page may not set a cookie header itself.
    authenticate: (request) => {
      const user = request.headers.get('x-test-session');
      return user ? { userId: user } : null;
    },
    ownership: memoryOwnership(),
    upstream: {
      apiKey: APP_KEY,
      baseUrl: UPSTREAM,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        const fault = options.fault?.(request);
        if (fault) request.headers.set('x-mock-fault', fault);
        return mock.fetch(request);
      },
    },
  });
  const sent: Sent[] = [];
  const client = new ChatRoutes({
    // In a page (the DOM tests, served from the relay's origin), the client is the page's: a
    // path on its own server and no key. In Node it takes the relay's URL and insists on a
    // key, which the relay drops.
    ...(typeof document === 'undefined'
      ? { apiKey: 'not-the-app-key', baseUrl: RELAY }
      : { baseUrl: new URL(RELAY).pathname }),
    retryDelay: 1,
    defaultHeaders: { 'x-test-session': 'alice' },
    fetch: async (input, init) => {
      const request = new Request(input, init);
      sent.push({ method: request.method, path: new URL(request.url).pathname });
      return relay(request);
    },
  });
  return { client, mock, sent };
}
