import { launchChromium } from '@chatroutes/chromium';
import { type StaticServer, serveStatic } from '@chatroutes/static-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureBuiltSite } from './support/built-site.js';
import { watchPage } from './support/page-watch.js';

// The playground's own tests drive every flow; here: it is shipped, linked, and works offline
// from inside the built site.
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveStatic(await ensureBuiltSite());
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('"Try it now" on the home page opens the playground, which chats offline', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  watchPage(page, server.url, problems);
  await page.goto(`${server.url}/`, { waitUntil: 'load' });
  await page.locator('.VPHero a', { hasText: 'Try it now' }).click();
  await page.waitForURL(`${server.url}/playground/`);

  await page.getByRole('textbox', { name: 'Message' }).fill('Hello from the docs');
  await page.getByRole('button', { name: 'Send' }).and(page.locator(':enabled')).click();
  const log = page.getByRole('log', { name: 'Conversation' });
  await log.getByRole('article', { name: /^Assistant: / }).waitFor();
  await page.getByRole('button', { name: 'Send' }).waitFor();
  expect(problems).toEqual([]);
  await page.close();
});

test('Getting Started links to the playground first', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/guide/getting-started.html`, { waitUntil: 'load' });
  // The first link of the text to a page of the site (headings carry anchors of their own).
  const first = page.locator('.vp-doc p a[href^="/"], .vp-doc p a[href^="./"]').first();
  await expect(first.getAttribute('href')).resolves.toBe('/playground/');
  await page.close();
});
