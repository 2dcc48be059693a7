import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each example is a separate Node process started with tsx.
    testTimeout: 60_000,
  },
});
