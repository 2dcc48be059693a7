import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The smoke run starts a Node process that bundles four packages with esbuild and runs
    // every suite once: 7 s alone, over a minute on a CI machine running other suites at once.
    testTimeout: 180_000,
  },
});
