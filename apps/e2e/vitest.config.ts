import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each file starts the mock and a Prism proxy in front of it.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
