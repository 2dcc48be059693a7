import type { BrowserContext, Page } from 'playwright-core';
import { watchPage } from './page-watch.js';

export interface CrawlResult {
  /** Every page opened, by URL without fragment. */
  visited: Set<string>;
  /** What a reader would have hit: see `watchPage`, plus broken links and missing sections. */
  problems: string[];
}

/**
 * Opens `start`, then every same-origin page that the `navigation` links of an opened page
 * lead to, a few tabs at a time. Every same-origin link on an opened page must resolve (a page
 * the navigation does not reach is fetched once), a link to a section must find its id, and
 * no link may point into `node_modules`, on any host.
 */
export async function crawl(
  context: BrowserContext,
  start: string,
  navigation: string,
  tabs = 3,
): Promise<CrawlResult> {
  const origin = new URL(start).origin;
  const problems: string[] = [];
  const queue = [start];
  const visited = new Set<string>();
  // Every same-origin link seen on an opened page, with the page it was on.
  const links = new Map<string, { from: string; hash: string }[]>();
  const anchors = new Map<string, Set<string>>();

  const samePage = (href: string, base: string): string | undefined => {
    const url = new URL(href, base);
    // `blob:` URLs (Redoc's spec download) share the origin but are not pages.
    if (!url.protocol.startsWith('http') || url.origin !== origin) return undefined;
    url.hash = '';
    return url.href;
  };

  const hrefs = (page: Page, selector: string) =>
    page.$$eval(selector, (elements) =>
      elements.map((element) => (element as HTMLAnchorElement).href),
    );

  const open = async (page: Page, url: string) => {
    const response = await page.goto(url, { waitUntil: 'load' });
    if (response?.status() !== 200) problems.push(`${url}: status ${response?.status()}`);
    for (const href of await hrefs(page, navigation)) {
      const next = samePage(href, url);
      if (next && !visited.has(next)) queue.push(next);
    }
    for (const href of await hrefs(page, 'a[href]')) {
      // A link into node_modules (typedoc's "Defined in" of an inherited standard-library
      // member) points at a file no host serves: a dead link, wherever it points.
      if (/\/node_modules\//.test(new URL(href, url).pathname)) {
        problems.push(`${url}: link into node_modules: ${href}`);
        continue;
      }
      const target = samePage(href, url);
      if (!target) continue;
      const seen = links.get(target) ?? [];
      seen.push({ from: url, hash: new URL(href).hash });
      links.set(target, seen);
    }
    const ids = await page.$$eval('[id]', (elements) => elements.map((element) => element.id));
    anchors.set(url, new Set(ids));
  };

  // Each tab takes the next unopened page until none is left and no tab can still add one.
  let busy = 0;
  const worker = async () => {
    const page = await context.newPage();
    watchPage(page, origin, problems);
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
      await open(page, url).finally(() => busy--);
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: tabs }, worker));

  for (const [target, sources] of links) {
    if (visited.has(target)) continue;
    const status = await fetch(target).then(
      (response) => response.status,
      (error: Error) => `${error.message}: ${(error.cause as Error | undefined)?.message}`,
    );
    if (status !== 200) problems.push(`${sources[0]?.from}: broken link to ${target} (${status})`);
  }
  for (const [target, sources] of links) {
    const ids = anchors.get(target);
    if (!ids) continue;
    for (const { from, hash } of sources) {
      const id = decodeURIComponent(hash.slice(1));
      if (id && !ids.has(id)) problems.push(`${from}: link to missing section ${target}${hash}`);
    }
  }
  return { visited, problems };
}
