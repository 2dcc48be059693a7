import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { appDir } from '../../src/paths.js';

/**
 * Runs a sample written for a web page as one: bundled for the browser (as an app's bundler
 * would), loaded as a module script in a blank page of Chromium. Resolves with the lines it
 * logged once it has run to its end; rejects with the error that stopped it.
 */
export async function runInPage(browser: Browser, file: string): Promise<string[]> {
  const bundle = await build({
    // The sample's top-level awaits finish before the line after its import runs.
    stdin: {
      contents: `import ${JSON.stringify(file)};\nglobalThis.sampleDone = true;\n`,
      resolveDir: appDir,
      loader: 'ts',
    },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const page = await browser.newPage();
  try {
    const logged: string[] = [];
    page.on('console', (message) => logged.push(message.text()));
    // The error that stops the sample ends the wait at once.
    const failed = new Promise<never>((_, reject) => page.on('pageerror', reject));
    await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '', type: 'module' });
    const done = page.waitForFunction(
      () => (globalThis as { sampleDone?: boolean }).sampleDone === true,
      undefined,
      { timeout: 20_000, polling: 50 },
    );
    // Once the page closes after a failure, the wait for the end fails too: nobody awaits it.
    done.catch(() => {});
    await Promise.race([done, failed]);
    return logged;
  } finally {
    await page.close();
  }
}
