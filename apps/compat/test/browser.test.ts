import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { launchChromium } from '@chatroutes/chromium';
import { type StaticServer, serveStatic } from '@chatroutes/static-server';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectScenarioPlayed, type ScenarioResult } from './support/scenario-result.js';

const scratchDir = inject('scratchDir');

/** Bundles for the browser as an app would; esbuild refuses any import of a Node built-in. */
function bundleForBrowser(entry: { path: string } | { contents: string }) {
  return build({
    ...('path' in entry
      ? { entryPoints: [entry.path] }
      : { stdin: { contents: entry.contents, resolveDir: scratchDir } }),
    absWorkingDir: scratchDir,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
}

describe('the browser: chatroutes and @chatroutes/fetch bundled for platform "browser"', () => {
  it('cannot bundle a Node built-in (the check below can fail)', async () => {
    await expect(bundleForBrowser({ contents: "import 'node:fs';" })).rejects.toThrow(/node:fs/);
  });

  it('bundles the packed ESM builds without any Node built-in', async () => {
    const { metafile } = await bundleForBrowser({ path: join(scratchDir, 'browser', 'page.mjs') });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain('node_modules/chatroutes/dist/index.js');
    expect(inputs).toContain('node_modules/@chatroutes/fetch/dist/index.js');
    expect(inputs.filter((input) => input.startsWith('node:'))).toEqual([]);
  });

  describe('a page in headless Chromium, against the packed mock (cross-origin)', () => {
    let page: StaticServer | undefined;
    let mock: { url: string; close(): Promise<void> } | undefined;

    beforeAll(async () => {
      const { outputFiles } = await bundleForBrowser({
        path: join(scratchDir, 'browser', 'page.mjs'),
      });
      page = await serveStatic({
        '/': {
          contentType: 'text/html; charset=utf-8',
          body: readFileSync(join(scratchDir, 'browser', 'index.html')),
        },
        '/page.js': { contentType: 'text/javascript', body: outputFiles[0]?.contents ?? '' },
      });
      // The mock from the tarball, on its own port: the page reaches it through CORS.
      const packedMock: typeof import('@chatroutes/mock/node') = createRequire(
        join(scratchDir, 'package.json'),
      )('@chatroutes/mock/node');
      mock = await packedMock.createMockServer({ streamDelayMs: 0 });
    });

    afterAll(async () => {
      await page?.close();
      await mock?.close();
    });

    it('sends a message, streams a reply and maps a 404', async () => {
      const browser = await launchChromium();
      try {
        const tab = await browser.newPage();
        const pageErrors: string[] = [];
        tab.on('pageerror', (error) => pageErrors.push(error.message));
        await tab.goto(page?.url ?? '');
        await tab.waitForFunction(() => 'runScenario' in window);
        const result = await tab.evaluate(
          (baseUrl) =>
            (
              window as unknown as { runScenario(url: string): Promise<ScenarioResult> }
            ).runScenario(baseUrl),
          mock?.url ?? '',
        );
        expectScenarioPlayed(result);
        expect(pageErrors).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  });
});
