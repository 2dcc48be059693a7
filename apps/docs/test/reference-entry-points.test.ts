import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { entryPointsOf, REPO_ROOT } from '../typedoc/packages.mjs';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A package in a temporary folder, named as the reference names packages: from the root. */
async function fakePackage(manifest: object, sources: string[]): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'docs-entry-points-'));
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest));
  for (const source of sources) {
    await mkdir(join(dir, source, '..'), { recursive: true });
    await writeFile(join(dir, source), 'export {};\n');
  }
  return relative(REPO_ROOT, dir);
}

describe('the entry points of a package, from its exports map', () => {
  test('each export with declarations maps to its source file', () => {
    expect(entryPointsOf('packages/sdk')).toEqual([
      {
        packageName: 'chatroutes',
        subpath: '.',
        specifier: 'chatroutes',
        source: join(REPO_ROOT, 'packages/sdk/src/index.ts'),
      },
      {
        packageName: 'chatroutes',
        subpath: './store',
        specifier: 'chatroutes/store',
        source: join(REPO_ROOT, 'packages/sdk/src/store/index.ts'),
      },
      {
        packageName: 'chatroutes',
        subpath: './server',
        specifier: 'chatroutes/server',
        source: join(REPO_ROOT, 'packages/sdk/src/server/index.ts'),
      },
    ]);
  });

  test('the assistant-ui runtime has one entry point, its index', () => {
    expect(entryPointsOf('packages/assistant-ui')).toEqual([
      {
        packageName: '@chatroutes/assistant-ui',
        subpath: '.',
        specifier: '@chatroutes/assistant-ui',
        source: join(REPO_ROOT, 'packages/assistant-ui/src/index.ts'),
      },
    ]);
  });

  test('a .tsx source and a plain-string export are found too', async () => {
    const packageDir = await fakePackage(
      {
        name: 'ui',
        exports: { '.': './dist/index.d.ts', './hooks': { types: './dist/hooks.d.ts' } },
      },
      ['src/index.ts', 'src/hooks.tsx'],
    );
    expect(
      entryPointsOf(packageDir).map((entry) => [
        entry.specifier,
        relative(REPO_ROOT, entry.source),
      ]),
    ).toEqual([
      ['ui', join(packageDir, 'src/index.ts')],
      ['ui/hooks', join(packageDir, 'src/hooks.tsx')],
    ]);
  });

  test('an export without a source file fails, naming it', async () => {
    const packageDir = await fakePackage(
      {
        name: 'ui',
        exports: {
          '.': { import: { types: './dist/index.d.ts' } },
          './extra': { import: { types: './dist/extra.d.ts' } },
        },
      },
      ['src/index.ts'],
    );
    expect(() => entryPointsOf(packageDir)).toThrow(
      `${packageDir}: the export "./extra" declares ./dist/extra.d.ts, but no source file matches it`,
    );
  });

  test('a package without an exports map fails', async () => {
    const packageDir = await fakePackage({ name: 'ui', main: 'index.js' }, []);
    expect(() => entryPointsOf(packageDir)).toThrow('has no "exports" map');
  });
});
