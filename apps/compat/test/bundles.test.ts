import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { type BundleTarget, bundle } from '../src/matrix/bundle.js';

const scratchDir = inject('scratchDir');

// The bundles the matrix runs in Chromium and workerd, as an app's bundler makes them: the
// packed ESM builds of `chatroutes` and `@chatroutes/fetch`, and nothing from Node.
describe.each<[BundleTarget, string]>([
  ['browser', 'page.mjs'],
  ['workerd', 'worker.mjs'],
])('bundled for %s', (target, entry) => {
  it('cannot take a Node built-in (the check below can fail)', async () => {
    await expect(
      bundle({ entry: { contents: "import 'node:fs';" }, absWorkingDir: scratchDir, target }),
    ).rejects.toThrow(/node:fs/);
  });

  it('holds the packed ESM builds and no Node built-in', async () => {
    const { metafile } = await bundle({
      entry: { path: join(scratchDir, 'runtimes', entry) },
      absWorkingDir: scratchDir,
      target,
      external: ['@chatroutes/mock'],
    });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain('node_modules/chatroutes/dist/index.js');
    expect(inputs).toContain('node_modules/@chatroutes/fetch/dist/index.js');
    expect(inputs.filter((input) => input.startsWith('node:'))).toEqual([]);
  });
});
