import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '@chatroutes/chromium';
import { serveStatic } from '@chatroutes/static-server';
import { bundle, bundleMockRoot } from './bundle.js';
import type { CellContext, CellRun, RuntimeReport } from './report.js';

/**
 * The checks in a page in headless Chromium: the page (bundled for the browser, with the packed
 * `chatroutes` and `@chatroutes/fetch`) is served on one loopback port and reaches the mock on
 * another, through CORS. `@chatroutes/mock` is its own module, mapped by the page's import map.
 */
export async function runInChromium({ scratchDir, mockUrl }: CellContext): Promise<CellRun> {
  const page = await bundle({
    entry: { path: join(scratchDir, 'runtimes', 'page.mjs') },
    absWorkingDir: scratchDir,
    target: 'browser',
    external: ['@chatroutes/mock'],
  });
  const site = await serveStatic({
    '/': {
      contentType: 'text/html; charset=utf-8',
      body: readFileSync(join(scratchDir, 'runtimes', 'index.html')),
    },
    '/page.js': { contentType: 'text/javascript', body: page.code },
    '/mock.js': {
      contentType: 'text/javascript',
      body: await bundleMockRoot(scratchDir, 'browser'),
    },
  });
  const browser = await launchChromium();
  const console: string[] = [];
  try {
    const tab = await browser.newPage();
    tab.on('console', (message) => console.push(`console.${message.type()}: ${message.text()}`));
    tab.on('pageerror', (error) => console.push(`page error: ${error.stack ?? error.message}`));
    await tab.goto(site.url);
    await tab.waitForFunction(() => 'runMatrixChecks' in window);
    const report = await tab.evaluate(
      (baseUrl) =>
        (
          window as unknown as { runMatrixChecks(url: string): Promise<RuntimeReport> }
        ).runMatrixChecks(baseUrl),
      mockUrl,
    );
    return {
      report,
      version: browser.version(),
      output: [JSON.stringify(report), ...console].join('\n'),
      // An uncaught error on the page fails the cell even when every check passed.
      problems: console.filter((line) => line.startsWith('page error')),
    };
  } finally {
    await browser.close();
    await site.close();
  }
}
