import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Prism takes about a second to start, far longer on a loaded machine (up to 45 s allowed).
    testTimeout: 40_000,
    hookTimeout: 60_000,
  },
});
