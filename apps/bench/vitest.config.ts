import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The smoke run starts a Node process that bundles four packages with esbuild.
    testTimeout: 60_000,
  },
});
