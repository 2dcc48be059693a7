import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    target: 'node20',
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
