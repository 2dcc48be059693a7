import { defineConfig } from 'vitest/config';
import { defines } from './build-defines.js';

export default defineConfig({
  define: defines,
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 15_000,
  },
});
