import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '@chatroutes/chromium';
import { type StaticServer, serveStatic } from '@chatroutes/static-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { crawl } from './support/crawl.js';

// A small site with one of each fault the site test must catch.
const PAGES: Record<string, string> = {
  'index.html': `<nav><a href="/good.html">good</a> <a href="/scripted.html">scripted</a></nav>
    <a href="/missing.html">a broken link</a> <a href="/good.html#nowhere">a missing section</a>`,
  'good.html': `<h1 id="top">Good</h1><a href="/index.html#top-of-index">back</a>
    <a href="https://github.com/o/r/blob/main/node_modules/.pnpm/typescript@5.9.3/node_modules/typescript/lib/lib.es5.d.ts#L1">Error.stack</a>`,
  'scripted.html': `<img src="/missing.png" alt="">
    <script>console.error('boom')</script>`,
};

let dir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatroutes-docs-crawl-'));
  for (const [file, body] of Object.entries(PAGES)) {
    await writeFile(join(dir, file), `<!doctype html><html><body>${body}</body></html>`);
  }
  server = await serveStatic(dir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

test('the crawler reports each kind of fault it is meant to catch', async () => {
  const context = await browser.newContext();
  const { visited, problems } = await crawl(context, `${server.url}/`, 'nav a[href]');
  await context.close();
  expect([...visited].map((url) => new URL(url).pathname).sort()).toEqual([
    '/',
    '/good.html',
    '/scripted.html',
  ]);
  const report = problems.join('\n');
  expect(report).toContain('broken link to http://127.0.0.1');
  expect(report).toContain('/missing.html (404)');
  expect(report).toContain('link to missing section');
  expect(report).toContain('#nowhere');
  expect(report).toContain('404 for http://127.0.0.1');
  expect(report).toContain('/missing.png');
  expect(report).toContain('console error: boom');
  expect(report).toContain(
    'good.html: link into node_modules: https://github.com/o/r/blob/main/node_modules/.pnpm/typescript@5.9.3/',
  );
});
