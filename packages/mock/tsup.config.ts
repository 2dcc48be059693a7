import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The root entry runs in browsers and workers too; `node` holds the server; `msw`, `vitest` and `playwright` the test integrations.
    entry: {
      index: 'src/index.ts',
      node: 'src/node.ts',
      msw: 'src/msw.ts',
      vitest: 'src/vitest.ts',
      playwright: 'src/playwright.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    // Shared code goes into one chunk in both formats, so `@chatroutes/mock` and
    // `@chatroutes/mock/node` never load two copies of the mock (CJS included).
    splitting: true,
    target: 'es2022',
    sourcemap: true,
  },
  // Built side by side (the build script empties dist first). The CLI is an executable, run as ESM through `bin`: no CJS copy, no types.
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    target: 'node20',
    sourcemap: true,
  },
]);
