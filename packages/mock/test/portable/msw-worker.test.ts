// `@chatroutes/mock/msw` in a browser: MSW's service worker answers the page's own `fetch`
// from an in-page mock, and a streamed reply arrives in pieces, not in one.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '@chatroutes/chromium';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const workerScript = readFileSync(
  createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'),
  'utf8',
);

/** The page: MSW started with the mock's handlers, then a conversation and a streamed reply. */
const PAGE = `
  import { createMockApp } from '@chatroutes/mock';
  import { chatroutesHandlers } from '@chatroutes/mock/msw';
  import { setupWorker } from 'msw/browser';

  const api = 'https://api.chatroutes.com/api/v1';
  const headers = { authorization: 'ApiKey page-key', 'content-type': 'application/json' };
  async function run() {
    const mock = createMockApp({ streamDelayMs: 5 });
    await setupWorker(...chatroutesHandlers(mock)).start({ quiet: true, onUnhandledRequest: 'bypass' });
    const created = await fetch(api + '/conversations', { method: 'POST', headers, body: '{}' });
    const id = (await created.json()).data.conversation.id;
    const response = await fetch(api + '/conversations/' + id + '/messages/stream', {
      method: 'POST',
      headers,
      body: JSON.stringify({ content: 'Tell me a long story about branching conversations' }),
    });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let reads = 0;
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      reads += 1;
      text += decoder.decode(chunk.value, { stream: true });
    }
    return {
      status: created.status,
      reads,
      completed: text.includes('"type":"complete"'),
      stored: mock.exportState().messages.length,
    };
  }
  run().then((result) => { globalThis.result = result; }, (error) => { globalThis.result = String(error); });
`;

let server: Server;
let origin = '';
beforeAll(async () => {
  const bundled = await build({
    stdin: { contents: PAGE, resolveDir: packageDir, loader: 'ts' },
    absWorkingDir: packageDir,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const files: Record<string, [string, string]> = {
    '/': ['text/html', '<!doctype html><script type="module" src="/page.js"></script>'],
    '/page.js': ['text/javascript', bundled.outputFiles[0]?.text ?? ''],
    '/mockServiceWorker.js': ['text/javascript', workerScript],
  };
  // A real loopback server: a service worker registers only from a real (secure) origin.
  server = createServer((request, response) => {
    const [type, body] = files[new URL(request.url ?? '/', 'http://x').pathname] ?? [];
    response.statusCode = body === undefined ? 404 : 200;
    if (type) response.setHeader('content-type', type);
    response.end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server?.close());

describe('chatroutesHandlers in MSW’s service worker', { timeout: 60_000 }, () => {
  it('answers the page from the in-page mock, a stream in more than one piece', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => 'result' in globalThis, undefined, { timeout: 30_000 });
      const result = await page.evaluate(() => (globalThis as { result?: unknown }).result);
      expect(result).toMatchObject({ status: 201, completed: true, stored: 2 });
      expect((result as { reads: number }).reads).toBeGreaterThan(2);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
