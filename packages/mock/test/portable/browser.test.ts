import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '@chatroutes/chromium';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { EXPECTED_SCENARIO_RESULT } from './scenario.js';

// Reads the built package (dist), as a user's bundler would: `pnpm build` first.
const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const NODE_BUILT_INS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Bundles for the browser as an app would: no externals, so a Node built-in fails the build. */
function bundleForBrowser(contents: string) {
  return build({
    stdin: { contents, resolveDir: packageDir, loader: 'ts' },
    absWorkingDir: packageDir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
}

const PAGE = `
  import { createMockApp } from '@chatroutes/mock';
  import { playScenario } from './test/portable/scenario.ts';
  globalThis.runScenario = () => playScenario(createMockApp);
`;

// Launching Chromium takes seconds on a loaded machine.
describe('@chatroutes/mock bundled for the browser', { timeout: 60_000 }, () => {
  it('cannot bundle a Node built-in, nor the Node entry (the check below can fail)', async () => {
    await expect(bundleForBrowser("import 'node:fs';")).rejects.toThrow(/node:fs/);
    await expect(
      bundleForBrowser("export { createMockServer } from '@chatroutes/mock/node';"),
    ).rejects.toThrow(/Could not resolve "node:/);
  });

  it('bundles the root entry with no Node built-in among its inputs', async () => {
    const { metafile } = await bundleForBrowser(PAGE);
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain('dist/index.js');
    expect(inputs.filter((input) => NODE_BUILT_INS.has(input))).toEqual([]);
    expect(inputs.filter((input) => input.includes('@hono/node-server'))).toEqual([]);
  });

  it('answers requests in process in headless Chromium, under a no-eval policy', async () => {
    const { outputFiles } = await bundleForBrowser(PAGE);
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      const pageErrors: string[] = [];
      tab.on('pageerror', (error) => pageErrors.push(error.message));
      // The page's own scripts, served under a Content-Security-Policy that forbids eval and
      // new Function, as workerd does. (Scripts Playwright injects or evaluates are exempt
      // from the policy, so the scenario runs from the page and only its result is read.)
      const files: Record<string, string> = {
        '/': '<!doctype html><title>mock</title><script src="/probe.js"></script><script src="/page.js"></script>',
        '/probe.js':
          "try { new Function('return 1'); globalThis.probe = 'allowed'; } catch (error) { globalThis.probe = error.name; }",
        '/page.js': `${outputFiles[0]?.text ?? ''}\nglobalThis.runScenario().then((result) => { globalThis.result = result; }, (error) => { globalThis.result = String(error); });`,
      };
      await tab.route('http://127.0.0.1/**', (route) => {
        const path = new URL(route.request().url()).pathname;
        return route.fulfill({
          contentType: path === '/' ? 'text/html' : 'text/javascript',
          headers: { 'content-security-policy': "script-src 'self'" },
          body: files[path] ?? '',
        });
      });
      await tab.goto('http://127.0.0.1/');
      const read = (name: string) =>
        tab.evaluate((key) => (globalThis as Record<string, unknown>)[key], name);
      expect(await read('probe')).toBe('EvalError');
      await tab.waitForFunction(() => 'result' in globalThis);
      expect(await read('result')).toEqual(EXPECTED_SCENARIO_RESULT);
      expect(pageErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
