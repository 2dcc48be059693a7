import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every check by name, so a runtime skipped for lack of a Node binary shows why.
    reporters: ['verbose'],
    // Packs the public packages and installs them into a scratch project, once per run.
    globalSetup: ['test/support/global-setup.ts'],
    // These tests pack, install, compile, bundle and drive a browser: seconds, not ms.
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
