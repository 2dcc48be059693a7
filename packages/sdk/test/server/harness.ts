import { createMockApp, type MockApp } from '@chatroutes/mock';
import { ChatRoutes } from '../../src/index.js';
import {
  createRelay,
  memoryOwnership,
  type Ownership,
  type RelayOptions,
} from '../../src/server/index.js';

/** The app's key: only the relay holds it. */
export const APP_KEY = 'cr_app_secret_key_0123456789';
export const UPSTREAM = 'http://chatroutes.test/api/v1';
export const PAGE = 'http://app.test';
export const BASE_PATH = '/api/chatroutes';

/** A request as the mock received it. */
export interface Received {
  method: string;
  path: string;
  headers: Headers;
}

/** The mock as the relay's upstream, with a log of what reached it. */
export function upstreamMock() {
  const mock: MockApp = createMockApp({ streamDelayMs: 0, apiKeys: [APP_KEY] });
  const received: Received[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    received.push({
      method: request.method,
      path: url.pathname + url.search,
      headers: request.headers,
    });
    return mock.fetch(request);
  };
  return { mock, fetch, received };
}

/** The app's session check in these tests: the `session` cookie names the user. */
export function cookieSession(request: Request) {
  const user = /(?:^|;\s*)session=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
  return user ? { userId: user } : null;
}

/** A relay in front of `fetch` as its upstream, signed-in users named by their cookie. */
export function relayOver(
  fetch: typeof globalThis.fetch,
  ownership: Ownership = memoryOwnership(),
): (request: Request) => Promise<Response> {
  return createRelay({
    authenticate: cookieSession,
    ownership,
    upstream: { apiKey: APP_KEY, baseUrl: UPSTREAM, fetch },
  });
}

/** A relay over a fresh mock, signed-in users named by their cookie. */
export function relayOnMock(options: Partial<RelayOptions> = {}) {
  const upstream = upstreamMock();
  const ownership: Ownership = options.ownership ?? memoryOwnership();
  const relay = createRelay({
    authenticate: cookieSession,
    upstream: { apiKey: APP_KEY, baseUrl: UPSTREAM, fetch: upstream.fetch },
    ...options,
    ownership,
  });
  return { relay, ownership, ...upstream };
}

/** A browser's client of the relay: no key of the app, the user's session cookie. */
export function browserClient(relay: (request: Request) => Promise<Response>, user: string) {
  return new ChatRoutes({
    // Only for Node, where the client insists on a key; the relay must drop it.
    apiKey: 'not-the-app-key',
    baseUrl: PAGE + BASE_PATH,
    retryAttempts: 0,
    defaultHeaders: { cookie: `session=${user}` },
    fetch: async (input, init) => relay(new Request(input, init)),
  });
}

/** One raw request to the relay as `user` (no cookie at all for `undefined`). */
export function call(
  relay: (request: Request) => Promise<Response>,
  user: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return relay(
    new Request(PAGE + BASE_PATH + path, {
      method,
      headers: {
        ...(user && { cookie: `session=${user}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    }),
  );
}

const encoder = new TextEncoder();
/** One SSE event of a chunk, as the API writes it. */
export const event = (chunk: object) => encoder.encode(`data: ${JSON.stringify(chunk)}\n\n`);

/** An upstream whose stream the test writes by hand, and which tells when it is cancelled. */
export function handWrittenUpstream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let upstreamSignal: AbortSignal | undefined;
  let cancel!: () => void;
  const cancelled = new Promise<void>((resolve) => {
    cancel = resolve;
  });
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: () => cancel(),
  });
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    upstreamSignal = init?.signal ?? undefined;
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  };
  return {
    fetch,
    write: (bytes: Uint8Array) => controller.enqueue(bytes),
    cancelled,
    signal: () => upstreamSignal,
  };
}

/** A relay over a hand-written upstream stream, `conv_1` owned by alice. */
export async function streamingRelay() {
  const upstream = handWrittenUpstream();
  const ownership = memoryOwnership();
  await ownership.claim('conv_1', 'alice');
  return { relay: relayOver(upstream.fetch, ownership), upstream, ownership };
}
