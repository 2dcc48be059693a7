/*
 * `@chatroutes/mock/playwright`: Playwright Test fixtures that give each test the mock on a
 * loopback port. Only types come from `@playwright/test`: nothing here loads it.
 */
import type { Fixtures } from '@playwright/test';
import type { MockServerOptions } from './options.js';
import { createMockServer, type MockServer } from './server.js';

/** The fixtures `chatroutesFixtures` adds to a Playwright `test`. */
export interface ChatRoutesPlaywrightFixtures {
  /**
   * The mock of this test, listening on loopback: give the page `chatroutes.url` as its
   * ChatRoutes base URL (or as the upstream of the app's relay). Seed it with
   * `importState(snapshot)` or `seedTwoExchanges(chatroutes)`, read it with `exportState()`,
   * fail requests with the `x-mock-fault` header or the `faults` option. Closed after the test.
   */
  chatroutes: MockServer;
  /**
   * The mock's options (an option fixture: set them with `test.use({ chatroutesOptions })`
   * for a file or a `describe`). By default a reply streams one word every 15 ms, as
   * `createMockServer` does, so a page shows it arriving.
   */
  chatroutesOptions: MockServerOptions;
}

/**
 * Fixtures for `test.extend`: each test gets its own mock server on a free loopback port.
 *
 * ```ts
 * const test = base.extend<ChatRoutesPlaywrightFixtures>(chatroutesFixtures);
 * test('streams', async ({ page, chatroutes }) => { … });
 * ```
 */
export const chatroutesFixtures: Fixtures<ChatRoutesPlaywrightFixtures> = {
  chatroutesOptions: [{}, { option: true }],
  chatroutes: async ({ chatroutesOptions }, use) => {
    const server = await createMockServer({ ...chatroutesOptions, port: 0 });
    try {
      await use(server);
    } finally {
      await server.close();
    }
  },
};
