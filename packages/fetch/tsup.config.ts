import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/contract.ts'],
  // Each entry self-contained: the SDK loads `contract` alone, one file (its code is a few
  // hundred bytes, which `index` repeats rather than loading a shared chunk).
  splitting: false,
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
