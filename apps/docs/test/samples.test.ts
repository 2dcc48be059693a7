import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { launchChromium } from '@chatroutes/chromium';
import { createMockServer, type MockServer } from '@chatroutes/mock/node';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appDir } from '../src/paths.js';
import { runInPage } from './support/browser-sample.js';
import {
  samplesDir,
  sampleTestsConfig,
  typeCheck,
  type WrittenSample,
  writeSamples,
} from './support/samples-project.js';

const run = promisify(execFile);
const samples = await writeSamples();

/** A sample written by hand to `file`, as if it came from line `line` of `docs/broken.md`. */
function brokenSample(file: string, language: 'ts' | 'tsx', line: number): WrittenSample {
  const run = language === 'ts';
  return {
    guide: 'broken',
    index: 1,
    language,
    line,
    code: '',
    run,
    runsIn: 'node',
    file,
    source: 'docs/broken.md',
  };
}

describe('the guides’ TypeScript samples', () => {
  test('there are samples in every guide but the reference-only ones', () => {
    const guides = new Set(samples.map((sample) => sample.guide));
    expect(guides.size).toBeGreaterThanOrEqual(10);
    expect(samples.filter((sample) => sample.run).length).toBeGreaterThanOrEqual(30);
  });

  // 68 characters fill a code block at the desktop width of the screenshots (1280 px, 14 px
  // monospace); a longer line wraps in the middle of the code.
  test('fit the column on a desktop: no line over 68 characters', () => {
    const long = samples.flatMap((sample) =>
      sample.code
        .split('\n')
        .flatMap((text, i) =>
          text.length > 68
            ? [`${sample.source}:${sample.line + i}: ${text.length} characters`]
            : [],
        ),
    );
    expect(long).toEqual([]);
  });

  test('type-check against the workspace packages', () => {
    expect(typeCheck(samples)).toEqual([]);
  });

  test('a type error is reported at its line of the guide', async () => {
    const file = join(samplesDir, 'broken.1.ts');
    await writeFile(
      file,
      "import { ChatRoutes } from 'chatroutes';\nnew ChatRoutes({ timeout: 'soon' });\n",
    );
    const errors = typeCheck([brokenSample(file, 'ts', 40)]);
    await rm(file);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^docs\/broken\.md:41: Type 'string' is not assignable to type 'number'/,
    );
  });

  test('there are TSX samples, and a type error in one is reported at its line', async () => {
    expect(samples.filter((sample) => sample.language === 'tsx').length).toBeGreaterThanOrEqual(2);
    const file = join(samplesDir, 'broken.1.tsx');
    // A React component that passes the hook a number where the conversation's id goes.
    await writeFile(
      file,
      [
        "import { useConversation } from '@chatroutes/react';",
        "import type { ChatRoutes } from 'chatroutes';",
        'export function Chat({ client }: { client: ChatRoutes }) {',
        '  const chat = useConversation(client, 42);',
        '  return <p>{chat.path.length}</p>;',
        '}',
        '',
      ].join('\n'),
    );
    const errors = typeCheck([brokenSample(file, 'tsx', 10)]);
    await rm(file);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^docs\/broken\.md:13: Argument of type 'number' is not assignable to parameter of type 'string'/,
    );
  });
});

describe('each runnable sample runs against @chatroutes/mock', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await createMockServer({ streamDelayMs: 1 });
  });
  afterAll(() => mock?.close());

  const runnable = samples.filter((sample) => sample.run && sample.runsIn === 'node');
  test.concurrent.each(
    runnable.map((sample) => [`${sample.source}:${sample.line}`, sample] as const),
  )('%s', async (_, sample: WrittenSample) => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', sample.file], {
      cwd: appDir,
      timeout: 30_000,
      env: {
        ...process.env,
        CHATROUTES_BASE_URL: mock.url,
        CHATROUTES_API_KEY: 'docs-samples-key',
      },
    }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
    });
    // Every sample shows its result: one that prints nothing did not get to its end.
    expect(stdout.trim()).not.toBe('');
  });
});

describe('each sample written for a web page runs in Chromium', () => {
  // A page has no environment to read a key from, and must not hold one: these samples bring
  // their own backend (the in-process mock) and run as a page script, not in Node.
  const pageSamples = samples.filter((sample) => sample.run && sample.runsIn === 'browser');
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  test('there is at least one (the runtimes guide shows a page)', () => {
    expect(pageSamples.map((sample) => sample.guide)).toContain('runtimes');
  });

  test.each(pageSamples.map((sample) => [`${sample.source}:${sample.line}`, sample] as const))(
    '%s',
    async (_, sample: WrittenSample) => {
      const logged = await runInPage(browser, sample.file);
      // Every sample shows its result: one that logs nothing did not get to its end.
      expect(logged.join('')).not.toBe('');
    },
  );
});

describe('each test-file sample passes under Vitest', () => {
  // A sample marked ```ts vitest is a test file as a user would write it: it runs under
  // Vitest, with the workspace packages, and must pass.
  const testFiles = samples.filter((sample) => sample.run && sample.runsIn === 'vitest');
  // The CLI's file, found from the package (its `exports` do not list it).
  const vitest = join(
    dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
    'vitest.mjs',
  );
  // Without the variables of the Vitest running this file, which would confuse the inner one.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')),
  );

  test('there is at least one (the testing guide shows the Vitest fixture)', () => {
    expect(testFiles.map((sample) => sample.guide)).toContain('testing-with-the-mock');
  });

  test.each(testFiles.map((sample) => [`${sample.source}:${sample.line}`, sample] as const))(
    '%s',
    async (_, sample: WrittenSample) => {
      const { stdout } = await run(
        process.execPath,
        [vitest, 'run', '--config', sampleTestsConfig, sample.file],
        { cwd: appDir, timeout: 60_000, env },
      ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
      });
      expect(stripVTControlCharacters(stdout)).toMatch(/Tests +[1-9]\d* passed/);
    },
  );
});

describe('each TSX sample loads in Node', () => {
  // A component has nothing to run, but its module's top level does run, in the browser and
  // when a framework renders the page on the server: the clients it constructs there must
  // accept their options. No environment is given, so nothing can come from it.
  const components = samples.filter((sample) => sample.language === 'tsx');
  test.concurrent.each(
    components.map((sample) => [`${sample.source}:${sample.line}`, sample] as const),
  )('%s', async (_, sample: WrittenSample) => {
    const env = { PATH: process.env.PATH ?? '' };
    await run(process.execPath, ['--import', 'tsx', sample.file], {
      cwd: appDir,
      timeout: 30_000,
      env,
    }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
    });
  });
});
