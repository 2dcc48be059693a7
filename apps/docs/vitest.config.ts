import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The samples spawn Node processes and the browser test drives Chromium.
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
