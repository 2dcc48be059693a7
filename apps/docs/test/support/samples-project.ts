import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { GUIDES } from '../../src/guides.js';
import { appDir, guidesDir, repoDir } from '../../src/paths.js';
import { extractSamples, type Sample, sampleFileName } from '../../src/samples.js';

/**
 * Where the samples are written: inside the docs app (git-ignored), so that `chatroutes`,
 * `@chatroutes/fetch`, `@chatroutes/mock`, `@chatroutes/react` and `react` resolve to the
 * workspace packages (and React 19's types) exactly as they would for a user who installed them.
 */
export const samplesDir = join(appDir, '.samples');

/** The Vitest config that runs the ```ts vitest samples (test files) of `samplesDir`. */
export const sampleTestsConfig = join(appDir, 'test', 'support', 'sample-tests.vitest.config.ts');

export interface WrittenSample extends Sample {
  file: string;
  /** The Markdown file it comes from, relative to the repository (for messages). */
  source: string;
}

/** A Markdown file whose samples are checked, and the name its samples' files take. */
export interface SampleSource {
  name: string;
  path: string;
}

/** The site's Markdown: every guide, and the home page's code. */
export const GUIDE_SOURCES: SampleSource[] = [
  ...GUIDES.map((slug) => ({ name: slug, path: join(guidesDir, `${slug}.md`) })),
  { name: 'home', path: join(appDir, '.vitepress', 'theme', 'home-quickstart.md') },
];

/** What npm and the repository show first: the root README and each package's. */
export const README_SOURCES: SampleSource[] = [
  { name: 'readme', path: join(repoDir, 'README.md') },
  ...['sdk', 'fetch', 'mock', 'react', 'assistant-ui', 'ai-sdk'].map((dir) => ({
    name: `readme-${dir}`,
    path: join(repoDir, 'packages', dir, 'README.md'),
  })),
];

/** Where the READMEs' samples are written (apart: test files run in parallel). */
export const readmeSamplesDir = join(appDir, '.samples-readme');

/**
 * What a README's later samples take from its first: the `client` and the `conversation` it
 * created (a guide's samples stand alone; a README's read as one walk-through).
 */
export const README_CONTEXT = `import type { ChatRoutes, Conversation } from 'chatroutes';
declare global {
  const client: ChatRoutes;
  const conversation: Conversation;
}
export {};
`;

/**
 * Extracts the TypeScript samples of every source and writes each to a file of its own in
 * `dir` (emptied first).
 */
export async function writeSamples(
  sources: SampleSource[] = GUIDE_SOURCES,
  dir = samplesDir,
): Promise<WrittenSample[]> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const written: WrittenSample[] = [];
  for (const { name, path } of sources) {
    const markdown = await readFile(path, 'utf8');
    const source = relative(repoDir, path);
    for (const sample of extractSamples(name, markdown)) {
      const file = join(dir, sampleFileName(sample));
      // `export {}` keeps a sample without imports a module, so top-level await is allowed.
      await writeFile(file, `${sample.code}\nexport {};\n`);
      written.push({ ...sample, file, source });
    }
  }
  return written;
}

/**
 * Type-checks the samples as one strict program, with the repository's compiler settings.
 * Returns one line per error, pointing at the guide's line rather than the temporary file.
 */
export function typeCheck(
  samples: WrittenSample[],
  dir = samplesDir,
  declarations: string[] = [],
): string[] {
  const base = ts.getParsedCommandLineOfConfigFile(
    join(repoDir, 'tsconfig.base.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  const options: ts.CompilerOptions = {
    ...base?.options,
    noEmit: true,
    rootDir: dir,
    // The TSX samples are React components, compiled as a React 19 app compiles them.
    jsx: ts.JsxEmit.ReactJSX,
  };
  const program = ts.createProgram(
    [...samples.map((sample) => sample.file), ...declarations],
    options,
  );
  const bySample = new Map(samples.map((sample) => [sample.file, sample]));
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const sample = diagnostic.file && bySample.get(diagnostic.file.fileName);
    if (!sample || diagnostic.start === undefined || !diagnostic.file) {
      const where = diagnostic.file ? relative(appDir, diagnostic.file.fileName) : 'tsc';
      return `${where}: ${message}`;
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${sample.source}:${sample.line + line}: ${message}`;
  });
}
