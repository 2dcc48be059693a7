import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Prism takes about a second to start; the orphan test starts it twice.
    testTimeout: 40_000,
    hookTimeout: 40_000,
  },
});
