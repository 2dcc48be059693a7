import { mkdir, readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { launchChromium } from '@chatroutes/chromium';
import { loadSpec } from '@chatroutes/openapi';
import { type StaticServer, serveStatic } from '@chatroutes/static-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GUIDES } from '../src/guides.js';
import { ensureBuiltSite } from './support/built-site.js';
import { crawl } from './support/crawl.js';
import { watchPage } from './support/page-watch.js';

// Links a reader navigates by: the top bar, the sidebar, and the home page's hero and cards.
const NAVIGATION = '.VPNav a[href], .VPSidebar a[href], .VPHero a[href], .VPFeatures a[href]';

let siteDir: string;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;

/** A new tab whose problems (see `watchPage`) are collected in the array returned. */
async function openTab(): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  watchPage(page, server.url, problems);
  return { page, problems };
}

beforeAll(async () => {
  siteDir = await ensureBuiltSite();
  server = await serveStatic(siteDir);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('the built site, in Chromium', () => {
  test('every page reachable from the navigation loads cleanly, and its links resolve', async () => {
    const { visited, problems } = await crawl(context, `${server.url}/`, NAVIGATION);
    const paths = [...visited].map((url) => new URL(url).pathname);
    for (const guide of GUIDES) expect(paths).toContain(`/guide/${guide}.html`);
    expect(paths).toContain('/http/index.html');
    expect(paths).toContain('/changelog.html');
    expect(paths.filter((path) => path.startsWith('/api/')).length).toBeGreaterThan(20);
    // Nothing is left out: every page of the build is reachable (404.html is not a page).
    const withoutIndex = (path: string) => path.replace(/\/index\.html$/, '/');
    const opened = new Set(paths.map(withoutIndex));
    const built = (await readdir(siteDir, { recursive: true }))
      .filter((file) => file.endsWith('.html') && file !== '404.html')
      .map((file) => withoutIndex(`/${file.split(sep).join('/')}`));
    expect(built.filter((path) => !opened.has(path))).toEqual([]);
    console.log(`opened ${visited.size} pages`);
    expect(problems).toEqual([]);
  }, 240_000);

  test('the HTTP reference has a section for every operation of the spec', async () => {
    const { page, problems } = await openTab();
    await page.goto(`${server.url}/http/index.html`, { waitUntil: 'load' });
    await page.locator('[id*="operation/"]').first().waitFor();
    const ids = await page.$$eval('[id*="operation/"]', (elements) =>
      elements.map((element) => element.id.split('operation/').pop() ?? ''),
    );
    const paths = loadSpec().paths as Record<string, Record<string, { operationId?: string }>>;
    const operations = Object.values(paths)
      .flatMap((item) => Object.values(item))
      .map((operation) => operation.operationId)
      .filter((id): id is string => typeof id === 'string');
    expect(operations.length).toBe(25);
    expect([...new Set(ids)].sort()).toEqual(operations.sort());
    expect(problems).toEqual([]);
    await page.close();
  });

  test('the search box finds a guide, and following the result opens it', async () => {
    const { page, problems } = await openTab();
    await page.goto(`${server.url}/`);
    await page.locator('.VPNavBarSearch button').click();
    const input = page.locator('.VPLocalSearchBox input');
    await input.fill('createAtLatest');
    await page.locator('.VPLocalSearchBox .result').first().waitFor();
    await input.press('Enter');
    await page.waitForURL((url) => url.pathname !== '/');
    await page.locator('.vp-doc h1').first().waitFor();
    await expect(page.locator('.vp-doc').textContent()).resolves.toContain('createAtLatest');
    expect(problems).toEqual([]);
    await page.close();
  });

  test('screenshots of the home page and a guide, for people to look at', async () => {
    const { page, problems } = await openTab();
    const dir = join(siteDir, 'screenshots');
    await mkdir(dir, { recursive: true });
    const shots = [
      ['home.png', '/'],
      ['guide-messages-and-streaming.png', '/guide/messages-and-streaming.html'],
    ] as const;
    for (const [file, path] of shots) {
      await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
      // Fonts swap in after `load`; wait for them so the picture is the one a reader sees.
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: join(dir, file) });
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
