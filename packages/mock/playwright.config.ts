import { CHROMIUM_ARGS, chromiumPath } from '@chatroutes/chromium';
import { defineConfig } from '@playwright/test';

// The Playwright fixture's own tests, in Debian's Chromium (no browser download works here).
export default defineConfig({
  testDir: 'test/playwright',
  reporter: 'list',
  // One worker: the machine's cores go to the rest of the suite.
  workers: 1,
  use: { launchOptions: { executablePath: chromiumPath, args: [...CHROMIUM_ARGS] } },
});
