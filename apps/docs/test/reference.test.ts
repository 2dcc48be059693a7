import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';
import { appDir } from '../src/paths.js';
import { entryPointsOf, REFERENCE_PACKAGES } from '../typedoc/packages.mjs';
import { ensureBuiltSite } from './support/built-site.js';

/** Every entry point of every package of the reference, with the folders of its pages. */
const ENTRY_POINTS = REFERENCE_PACKAGES.flatMap((packageDir) =>
  entryPointsOf(packageDir).map(({ packageName, specifier, subpath }) => ({
    specifier,
    // A package's main entry is merged into its page; another is a module under it. TypeDoc
    // documents a symbol once: one that the main entry exports too (as `@chatroutes/fetch`
    // re-exports all of `@chatroutes/fetch/contract`) has its page there.
    pagesDirs: [join('api', packageName, subpath.replace(/^\.\/?/, '')), join('api', packageName)],
  })),
);
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

/** The page of an export, if the reference has one in one of `pagesDirs`. */
function pageOf(pagesDirs: string[], symbol: string): string | undefined {
  return pagesDirs
    .flatMap((pagesDir) =>
      KIND_FOLDERS.map((folder) => join(siteDir, pagesDir, folder, `${symbol}.html`)),
    )
    .find((page) => existsSync(page));
}

describe('the API reference', () => {
  test('covers every entry point of the packages’ exports maps', () => {
    expect(ENTRY_POINTS.map((entry) => entry.specifier)).toEqual([
      'chatroutes',
      'chatroutes/store',
      'chatroutes/server',
      '@chatroutes/fetch',
      '@chatroutes/fetch/contract',
      '@chatroutes/mock',
      '@chatroutes/mock/node',
      '@chatroutes/mock/msw',
      '@chatroutes/mock/vitest',
      '@chatroutes/mock/playwright',
      '@chatroutes/react',
      '@chatroutes/assistant-ui',
      '@chatroutes/ai-sdk',
      '@chatroutes/ai-sdk/chat',
    ]);
  });

  test.each(ENTRY_POINTS)(
    'has a page for every export of $specifier',
    ({ specifier, pagesDirs }) => {
      const exported = exportsOf(specifier);
      expect(exported.length).toBeGreaterThan(1);
      const missing = exported.filter((symbol) => !pageOf(pagesDirs, symbol));
      expect(missing).toEqual([]);
    },
  );

  test.each([
    ['chatroutes/store', 'classes/ConversationStore.html'],
    ['chatroutes/server', 'functions/createRelay.html'],
    ['@chatroutes/react', 'functions/useConversation.html'],
    ['@chatroutes/assistant-ui', 'functions/useChatRoutesRuntime.html'],
    ['@chatroutes/mock/node', 'functions/createMockServer.html'],
    ['@chatroutes/mock/msw', 'functions/chatroutesHandlers.html'],
    ['@chatroutes/mock/vitest', 'functions/chatroutesTest.html'],
    ['@chatroutes/mock/playwright', 'variables/chatroutesFixtures.html'],
  ])('documents %s: %s', (specifier, page) => {
    const entry = ENTRY_POINTS.find((candidate) => candidate.specifier === specifier);
    expect(entry && existsSync(join(siteDir, entry.pagesDirs[0] as string, page))).toBe(true);
  });

  test.each([
    ['NotFoundError', []],
    ['RateLimitError', ['retryAfter']],
    ['RedirectError', ['location']],
    ['StreamError', ['partialText']],
    ['TimeoutError', []],
  ])('shows %s as a class with its fields', (name, fields) => {
    const page = pageOf([join('api', 'chatroutes')], name);
    expect(page).toMatch(/[/\\]classes[/\\]/);
    const html = readFileSync(page as string, 'utf8');
    for (const field of ['status', 'code', 'requestId', ...fields]) expect(html).toContain(field);
  });
});
