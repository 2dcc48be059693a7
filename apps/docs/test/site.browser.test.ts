import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSpec } from '@chatroutes/openapi';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { GUIDES } from '../src/guides.js';
import { type StaticServer, serveStatic } from '../src/static-server.js';
import { launchChromium } from './support/browser.js';
import { ensureBuiltSite } from './support/built-site.js';

// Links a reader navigates by: the top bar, the sidebar, and the home page's hero and cards.
const NAVIGATION = '.VPNav a[href], .VPSidebar a[href], .VPHero a[href], .VPFeatures a[href]';

let siteDir: string;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let problems: string[] = [];

/** Records every problem a page shows a visitor: console errors, failed or foreign requests. */
function watch(page: Page): void {
  const origin = new URL(server.url).origin;
  const where = () => new URL(page.url() || server.url).pathname;
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${where()}: console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${where()}: uncaught ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && url.origin !== origin) {
      problems.push(`${where()}: request to another origin: ${request.url()}`);
    }
  });
  page.on('requestfailed', (request) => {
    // Leaving a page cancels VitePress's prefetches of the pages it links to: not a fault.
    // A missing file shows as a 404 response below instead.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`${where()}: request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url().startsWith(origin)) {
      problems.push(`${where()}: ${response.status()} for ${response.url()}`);
    }
  });
}

/** A same-site URL without its fragment, or `undefined` for a link that leaves the site. */
function internalPage(href: string, base: string): string | undefined {
  const url = new URL(href, base);
  // `blob:` URLs (Redoc's spec download) share the origin but are not pages.
  if (!url.protocol.startsWith('http') || url.origin !== new URL(server.url).origin)
    return undefined;
  url.hash = '';
  return url.href;
}

beforeAll(async () => {
  siteDir = await ensureBuiltSite();
  server = await serveStatic(siteDir);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

beforeEach(() => {
  problems = [];
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('the built site, in Chromium', () => {
  test('every page reachable from the navigation loads cleanly, and its links resolve', async () => {
    const queue = [`${server.url}/`];
    const visited = new Set<string>();
    // Every same-site link seen on a visited page, with the page it was on.
    const links = new Map<string, { from: string; hash: string }[]>();
    const anchors = new Map<string, Set<string>>();

    const visit = async (page: Page, url: string) => {
      const response = await page.goto(url, { waitUntil: 'load' });
      if (response?.status() !== 200) problems.push(`${url}: status ${response?.status()}`);
      const hrefs = await page.$$eval(NAVIGATION, (elements) =>
        elements.map((element) => (element as HTMLAnchorElement).href),
      );
      for (const href of hrefs) {
        const next = internalPage(href, url);
        if (next && !visited.has(next)) queue.push(next);
      }
      const everyLink = await page.$$eval('a[href]', (elements) =>
        elements.map((element) => (element as HTMLAnchorElement).href),
      );
      for (const href of everyLink) {
        const target = internalPage(href, url);
        if (!target) continue;
        const seen = links.get(target) ?? [];
        seen.push({ from: url, hash: new URL(href).hash });
        links.set(target, seen);
      }
      const ids = await page.$$eval('[id]', (elements) => elements.map((element) => element.id));
      anchors.set(url, new Set(ids));
    };

    // A few tabs crawl side by side; each takes the next unvisited page until none is left
    // and no other tab can still add one.
    let busy = 0;
    const crawl = async () => {
      const page = await context.newPage();
      watch(page);
      for (;;) {
        const url = queue.shift();
        if (url === undefined) {
          if (busy === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
          continue;
        }
        if (visited.has(url)) continue;
        visited.add(url);
        busy++;
        await visit(page, url).finally(() => busy--);
      }
      await page.close();
    };
    await Promise.all([crawl(), crawl(), crawl()]);

    // Links to pages the navigation does not reach: fetch them once each.
    for (const [target, sources] of links) {
      if (visited.has(target)) continue;
      const status = await fetch(target).then(
        (response) => response.status,
        (error: Error) => `${error.message}: ${(error.cause as Error | undefined)?.message}`,
      );
      if (status !== 200)
        problems.push(`${sources[0]?.from}: broken link to ${target} (${status})`);
    }
    // A link to a section must land on it.
    for (const [target, sources] of links) {
      const ids = anchors.get(target);
      if (!ids) continue;
      for (const { from, hash } of sources) {
        const id = decodeURIComponent(hash.slice(1));
        if (id && !ids.has(id)) problems.push(`${from}: link to missing section ${target}${hash}`);
      }
    }

    const paths = [...visited].map((url) => new URL(url).pathname);
    for (const guide of GUIDES) expect(paths).toContain(`/guide/${guide}.html`);
    expect(paths).toContain('/http/index.html');
    expect(paths).toContain('/changelog.html');
    expect(paths.filter((path) => path.startsWith('/api/')).length).toBeGreaterThan(20);
    console.log(`visited ${visited.size} pages, checked ${links.size} link targets`);
    expect(problems).toEqual([]);
  }, 150_000);

  test('the HTTP reference has a section for every operation of the spec', async () => {
    const page = await context.newPage();
    watch(page);
    await page.goto(`${server.url}/http/index.html`, { waitUntil: 'load' });
    await page.locator('[id*="operation/"]').first().waitFor();
    const ids = await page.$$eval('[id*="operation/"]', (elements) =>
      elements.map((element) => element.id.split('operation/').pop() ?? ''),
    );
    const operations = Object.values(
      loadSpec().paths as Record<string, Record<string, { operationId?: string }>>,
    )
      .flatMap((item) => Object.values(item))
      .map((operation) => operation.operationId)
      .filter((id): id is string => typeof id === 'string');
    expect(operations.length).toBe(25);
    expect([...new Set(ids)].sort()).toEqual(operations.sort());
    expect(problems).toEqual([]);
    await page.close();
  });

  test('the search box finds a guide, and following the result opens it', async () => {
    const page = await context.newPage();
    watch(page);
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
    const page = await context.newPage();
    watch(page);
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
