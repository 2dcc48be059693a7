import { createMockServer, type MockServer, type MockServerOptions } from '@chatroutes/mock/node';
import { type PrismServer, startPrism } from '@chatroutes/openapi';
import { ChatRoutes, type ClientOptions } from 'chatroutes';

export interface Exchange {
  method: string;
  path: string;
  status: number;
  idempotencyKey: string | null;
}

export interface Stack {
  mock: MockServer;
  prism: PrismServer;
  /** A client whose every request goes through Prism to the mock. */
  client: ChatRoutes;
  /** Every exchange Prism answered, for assertions on the wire. */
  exchanges: Exchange[];
  /** Prism's reports of answers or requests that broke the spec (should stay empty). */
  violations: string[];
  close(): Promise<void>;
}

/**
 * The SDK against the mock, through `prism proxy --errors`: Prism checks every request and
 * every answer against the spec, so any drift between SDK, mock and spec fails the test.
 */
export async function startStack(
  mockOptions: MockServerOptions = {},
  clientOptions: ClientOptions = {},
): Promise<Stack> {
  const mock = await createMockServer({ port: 0, streamDelayMs: 1, ...mockOptions });
  const prism = await startPrism({ upstream: mock.url, errors: true });
  const exchanges: Stack['exchanges'] = [];
  const violations: string[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    exchanges.push({
      method: request.method,
      path: new URL(request.url).pathname,
      status: response.status,
      idempotencyKey: request.headers.get('idempotency-key'),
    });
    const reported = response.headers.get('sl-violations');
    if (reported) violations.push(`${request.method} ${request.url}: ${reported}`);
    return response;
  };
  const client = new ChatRoutes({
    apiKey: 'cr_test_e2e',
    baseUrl: prism.url,
    retryDelay: 20,
    fetch: recordingFetch,
    ...clientOptions,
  });
  return {
    mock,
    prism,
    client,
    exchanges,
    violations,
    async close() {
      await prism.close();
      await mock.close();
    },
  };
}
