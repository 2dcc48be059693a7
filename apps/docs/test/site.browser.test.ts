import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { launchChromium } from '@chatroutes/chromium';
import { loadSpec } from '@chatroutes/openapi';
import { type StaticServer, serveStatic } from '@chatroutes/static-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GUIDES } from '../src/guides.js';
import { appDir } from '../src/paths.js';
import { APPEARANCES, DEVICES, SHOT_PAGES, shotFileName } from '../src/screenshots.js';
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
    expect(paths).toContain('/http/');
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
    await page.goto(`${server.url}/http/`, { waitUntil: 'load' });
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

  test('the HTTP reference follows the appearance switch, and leaving it is clean', async () => {
    const dark = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      colorScheme: 'dark',
    });
    const page = await dark.newPage();
    const problems: string[] = [];
    watchPage(page, server.url, problems);
    await page.goto(`${server.url}/http/`);
    const reference = page.locator('.http-reference');
    await page.locator('.http-reference[data-loaded="dark"] [id*="operation/"]').first().waitFor();
    // Redoc's menu takes the site's dark background, not Redoc's white.
    const menuBackground = () =>
      page.$eval('.menu-content', (menu) => getComputedStyle(menu).backgroundColor);
    expect(await menuBackground()).toBe('rgb(22, 22, 24)');
    await page.locator('.VPNavBarAppearance button').click();
    await page.locator('.http-reference[data-loaded="light"]').waitFor();
    expect(await menuBackground()).toBe('rgb(246, 246, 247)');
    // One rendering at a time: the dark one is gone.
    expect(await reference.locator(':scope > div').count()).toBe(1);
    // The site's navigation leaves the reference without a full page load.
    await page.locator('.VPNavBar a', { hasText: 'Guides' }).first().click();
    await page.locator('.vp-doc h1').first().waitFor();
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(300);
    expect(problems).toEqual([]);
    await dark.close();
  });

  test.each([
    ['desktop', { width: 1280, height: 900 }],
    ['mobile', { width: 390, height: 844 }],
  ] as const)(
    'every code sample fits its column on a %s screen: no horizontal scrollbar',
    async (_, viewport) => {
      const narrow = await browser.newContext({ viewport });
      const page = await narrow.newPage();
      const overflowing: string[] = [];
      let checked = 0;
      for (const path of ['/', ...GUIDES.map((slug) => `/guide/${slug}.html`)]) {
        await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
        const blocks = await page.$$eval('.vp-doc pre', (pres) =>
          pres.map((pre) => ({
            overflow: pre.scrollWidth - pre.clientWidth,
            firstLine: pre.textContent?.split('\n')[0]?.slice(0, 60) ?? '',
          })),
        );
        checked += blocks.length;
        for (const { overflow, firstLine } of blocks) {
          if (overflow > 0) overflowing.push(`${path}: ${overflow}px too wide: ${firstLine}`);
        }
      }
      await narrow.close();
      expect(checked).toBeGreaterThan(50);
      expect(overflowing).toEqual([]);
    },
    120_000,
  );

  test.each(['retry', 'timeout', 'idempotency', 'stream', 'request id', 'proxy'])(
    'searching "%s" lists the guides first',
    async (query) => {
      const { page, problems } = await openTab();
      await page.goto(`${server.url}/`);
      await page.locator('.VPNavBarSearch button').click();
      await page.locator('.VPLocalSearchBox input').fill(query);
      await page.locator('.VPLocalSearchBox .result').first().waitFor();
      const results = await page.$$eval('.VPLocalSearchBox a.result', (links) =>
        links.map((link) => new URL((link as HTMLAnchorElement).href).pathname),
      );
      const firstOther = results.findIndex((path) => !path.startsWith('/guide/'));
      const lastGuide = results.map((path) => path.startsWith('/guide/')).lastIndexOf(true);
      expect(lastGuide, `no guide among ${results.join(', ')}`).toBeGreaterThanOrEqual(0);
      if (firstOther !== -1) expect(lastGuide, results.join('\n')).toBeLessThan(firstOther);
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  test('search finds an operation of the HTTP reference, and the result opens Redoc there', async () => {
    const { page, problems } = await openTab();
    await page.goto(`${server.url}/guide/getting-started.html`);
    await page.locator('.VPNavBarSearch button').click();
    // Its id, which no guide uses: the guides come first and the box shows a few results.
    await page.locator('.VPLocalSearchBox input').fill('getConversationTree');
    const result = page.locator(
      '.VPLocalSearchBox a.result[href$="#operation/getConversationTree"]',
    );
    await result.first().click();
    await page.waitForURL((url) => url.pathname === '/http/');
    const section = page.locator('[id="operation/getConversationTree"]').first();
    await section.waitFor();
    await expect
      .poll(() =>
        section.evaluate((element) => Math.abs(element.getBoundingClientRect().top) < 200),
      )
      .toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('the home page’s first screen shows the install line and code', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      const small = await browser.newContext({ viewport });
      const page = await small.newPage();
      await page.goto(`${server.url}/`);
      const install = page.locator('.home-quickstart pre', { hasText: 'npm install chatroutes' });
      const code = page.locator('.home-quickstart pre', { hasText: "from 'chatroutes'" });
      for (const element of [install, code]) {
        const box = await element.boundingBox();
        expect(box, `${viewport.width}px`).not.toBeNull();
        expect(box?.y ?? Infinity, `${viewport.width}px`).toBeLessThan(viewport.height - 40);
      }
      await small.close();
    }
  });
});

describe('the committed screenshots', () => {
  test('every page the screenshots cover has its four (light and dark, desktop and mobile)', () => {
    const missing = SHOT_PAGES.flatMap((shot) =>
      APPEARANCES.flatMap((appearance) =>
        Object.keys(DEVICES).map((device) => shotFileName(shot, appearance, device)),
      ),
    ).filter((file) => !existsSync(join(appDir, 'screenshots', file)));
    expect(missing, 'run `pnpm --filter @chatroutes/docs screenshots` and look at them').toEqual(
      [],
    );
  });
});
