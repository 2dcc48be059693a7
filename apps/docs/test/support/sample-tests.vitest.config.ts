import { defineConfig } from 'vitest/config';

// The guides' test-file samples: written to `.samples` by the samples test, run one by one.
export default defineConfig({
  test: {
    dir: '.samples',
    include: ['*.ts'],
    testTimeout: 20_000,
  },
});
