import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['test/setup.ts'],
    // A test streams several replies through assistant-ui's rendering (see test/setup.ts).
    testTimeout: 60_000,
  },
});
