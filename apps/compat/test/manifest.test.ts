import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { PUBLIC_PACKAGES } from '../src/workspace.js';

const scratchDir = inject('scratchDir');

interface ConditionalExport {
  types?: string;
  default?: string;
}

interface Manifest {
  name: string;
  version: string;
  license?: string;
  keywords?: string[];
  sideEffects?: boolean;
  engines?: { node?: string };
  repository?: { url?: string; directory?: string };
  files?: string[];
  dependencies?: Record<string, string>;
  exports?: Record<string, string | { import?: ConditionalExport; require?: ConditionalExport }>;
}

function installed(name: string): { dir: string; manifest: Manifest } {
  const dir = join(scratchDir, 'node_modules', name);
  return { dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
}

// The package.json of each tarball, as npm installed it: what the registry would serve.
describe.each(PUBLIC_PACKAGES)('the published manifest of %s', (name) => {
  const { dir, manifest } = installed(name);

  it('says what it is, where it comes from and under which licence', () => {
    expect(manifest.license).toBe('MIT');
    expect(manifest.keywords?.length).toBeGreaterThan(0);
    expect(manifest.repository?.url).toMatch(/^git\+https:\/\/.+\.git$/);
    expect(manifest.repository?.directory).toMatch(/^packages\//);
    expect(existsSync(join(dir, 'README.md'))).toBe(true);
  });

  it('declares the Node versions it supports and that importing it has no side effects', () => {
    expect(manifest.engines?.node).toMatch(/^>=20/);
    expect(manifest.sideEffects).toBe(false);
  });

  it('ships only its build', () => {
    expect(manifest.files).toContain('dist');
    expect(existsSync(join(dir, 'src'))).toBe(false);
    expect(existsSync(join(dir, 'test'))).toBe(false);
  });

  it('exports ESM and CJS, each with its own declarations, all present in the tarball', () => {
    const root = manifest.exports?.['.'];
    expect(typeof root).toBe('object');
    const conditions = root as { import?: ConditionalExport; require?: ConditionalExport };
    const files = [
      conditions.import?.types,
      conditions.import?.default,
      conditions.require?.types,
      conditions.require?.default,
    ];
    expect(files).toEqual([
      expect.stringMatching(/\.d\.ts$/),
      expect.stringMatching(/\.js$/),
      expect.stringMatching(/\.d\.cts$/),
      expect.stringMatching(/\.cjs$/),
    ]);
    for (const file of files) expect(existsSync(join(dir, file ?? ''))).toBe(true);
    expect(manifest.exports?.['./package.json']).toBe('./package.json');
  });

  it('depends on released versions only, the linked packages at its own version', () => {
    for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
      expect(range, dependency).not.toMatch(/^workspace:/);
      if (dependency.startsWith('@chatroutes/') || dependency === 'chatroutes') {
        expect(range, dependency).toBe(manifest.version);
      }
    }
  });
});
