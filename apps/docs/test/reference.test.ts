import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';
import { appDir } from '../src/paths.js';
import { ensureBuiltSite } from './support/built-site.js';

const PACKAGES = ['chatroutes', '@chatroutes/fetch', '@chatroutes/mock'];
const KIND_FOLDERS = [
  'classes',
  'interfaces',
  'type-aliases',
  'functions',
  'variables',
  'enumerations',
];

/** Every name a package exports, types included, read from its published declarations. */
function exportsOf(name: string): string[] {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  };
  const resolved = ts.resolveModuleName(name, join(appDir, 'index.ts'), options, ts.sys);
  const file = resolved.resolvedModule?.resolvedFileName;
  if (!file) throw new Error(`cannot resolve ${name} from the docs app`);
  const program = ts.createProgram([file], options);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`${file} is not a module`);
  return checker.getExportsOfModule(module).map((symbol) => symbol.name);
}

let siteDir: string;
beforeAll(async () => {
  siteDir = await ensureBuiltSite();
});

describe('the API reference', () => {
  test.each(PACKAGES)('has a page for every export of %s', (name) => {
    const exported = exportsOf(name);
    expect(exported.length).toBeGreaterThan(3);
    const missing = exported.filter(
      (symbol) =>
        !KIND_FOLDERS.some((folder) =>
          existsSync(join(siteDir, 'api', name, folder, `${symbol}.html`)),
        ),
    );
    expect(missing).toEqual([]);
  });
});
