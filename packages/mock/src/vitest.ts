/*
 * `@chatroutes/mock/vitest`: a Vitest `test` whose every test gets a fresh mock and a client
 * on it, closed when the test ends.
 */
import { type TestAPI, test } from 'vitest';
import { createMockApp, type MockApp } from './mock-app.js';
import type { MockOptions } from './options.js';

/** What each test of {@link chatroutesTest} receives, beside Vitest's own context. */
export interface ChatRoutesFixtures<Client> {
  /** A mock of its own, empty unless `options.state` seeds it; closed after the test. */
  mock: MockApp;
  /** The client `makeClient` made on `mock.fetch`. */
  client: Client;
}

/**
 * A Vitest `test` (use it as you use Vitest's) that gives each test a fresh in-process mock
 * and a client on it. The client is yours to make, so any client and any version works:
 *
 * ```ts
 * const test = chatroutesTest((fetch) => new ChatRoutes({ apiKey: 'test-key', fetch }));
 * test('sends', async ({ client, mock }) => { … });
 * ```
 *
 * `options` are the mock's (by default replies stream with no pause between words).
 */
export function chatroutesTest<Client>(
  makeClient: (fetch: typeof globalThis.fetch) => Client,
  options: MockOptions = {},
): TestAPI<ChatRoutesFixtures<Client>> {
  return test.extend<ChatRoutesFixtures<Client>>({
    // Vitest reads a fixture's dependencies from its first parameter: this one has none.
    // biome-ignore lint/correctness/noEmptyPattern: Vitest requires the destructuring.
    mock: async ({}, use) => {
      const mock = createMockApp({ streamDelayMs: 0, ...options });
      try {
        await use(mock);
      } finally {
        mock.close();
      }
    },
    // Annotated: TypeScript cannot infer a fixture's parameters through the generic `Client`.
    client: async ({ mock }: { mock: MockApp }, use: (client: Client) => Promise<void>) => {
      await use(makeClient(mock.fetch));
    },
  });
}
