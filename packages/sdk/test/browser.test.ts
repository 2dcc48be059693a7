import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '@chatroutes/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser } from './support/browser-bundle.js';
import * as fx from './support/fixtures.js';
import { type LoopbackServer, startLoopbackServer } from './support/loopback-server.js';

// The built ESM package, bundled for a web page as an app would.
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const pageScript = `
import { ChatRoutes } from ${JSON.stringify(dist)};
window.tryClient = async (baseUrl, allow) => {
  try {
    const client = new ChatRoutes({ apiKey: 'cr_test_key', baseUrl, ...(allow && { dangerouslyAllowBrowser: true }) });
    return { ok: true, health: await client.autobranch.health() };
  } catch (error) {
    return { ok: false, name: error.name, message: error.message };
  }
};`;

interface Outcome {
  ok: boolean;
  name?: string;
  message?: string;
  health?: unknown;
}

let page: LoopbackServer;
let api: LoopbackServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  if (!existsSync(dist)) throw new Error('dist/ is missing: run `pnpm build` first');
  const script = await bundleForBrowser(pageScript);
  page = await startLoopbackServer((response, index) => {
    const js = page.requests[index]?.url === '/page.js';
    response
      .writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html' })
      .end(js ? script : '<!doctype html><script type="module" src="/page.js"></script>');
  });
  // Another origin: the page reaches it through CORS, preflight included.
  api = await startLoopbackServer((response, index) => {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'authorization, content-type, idempotency-key',
    };
    if (api.requests[index]?.method === 'OPTIONS') return void response.writeHead(204, cors).end();
    if (api.requests[index]?.url.startsWith('/moved/')) {
      return void response.writeHead(302, { ...cors, location: '/elsewhere' }).end();
    }
    response
      .writeHead(200, { ...cors, 'content-type': 'application/json' })
      .end(JSON.stringify(fx.ok({ status: 'ok', version: '1', service: 'autobranch' })));
  });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await page?.close();
  await api?.close();
});

async function inPage(allow: boolean, path = '/api/v1'): Promise<Outcome> {
  const tab = await browser.newPage();
  try {
    await tab.goto(page.url);
    await tab.waitForFunction(() => 'tryClient' in window);
    return await tab.evaluate(
      ([url, allowed]) =>
        (window as unknown as { tryClient(u: string, a: boolean): Promise<Outcome> }).tryClient(
          url,
          allowed,
        ),
      [`${api.url}${path}`, allow] as const,
    );
  } finally {
    await tab.close();
  }
}

describe('in a web page (headless Chromium)', () => {
  it('refuses a client holding an API key, saying why and pointing at the relay', async () => {
    const outcome = await inPage(false);
    expect(outcome).toMatchObject({ ok: false, name: 'TypeError' });
    expect(outcome.message).toMatch(/would show your API key to anyone who opens the page/);
    expect(outcome.message).toMatch(/a relay \(chatroutes\/server\)/);
    expect(outcome.message).toMatch(/baseUrl: '\/api\/chatroutes' and no key/);
    expect(outcome.message).toMatch(/dangerouslyAllowBrowser: true/);
    expect(outcome.message).not.toContain('cr_test_key');
    expect(api.requests).toHaveLength(0);
  });

  it('works with dangerouslyAllowBrowser, adding no header that fails a CORS preflight', async () => {
    const outcome = await inPage(true);
    expect(outcome).toMatchObject({ ok: true, health: { status: 'ok' } });
    const get = api.requests.find((request) => request.method === 'GET');
    expect(get?.headers['user-agent']).not.toContain('chatroutes-typescript');
    expect(get?.headers.authorization).toBe('ApiKey cr_test_key');
    const preflight = api.requests.find((request) => request.method === 'OPTIONS');
    expect(preflight?.headers['access-control-request-headers'] ?? '').not.toContain('user-agent');
  });

  it('does not follow a redirect, which a browser shows only as opaque', async () => {
    const outcome = await inPage(true, '/moved/api/v1');
    expect(outcome).toMatchObject({ ok: false, name: 'RedirectError' });
    expect(outcome.message).toMatch(
      /^The server answered with a redirect; redirects are not followed/,
    );
    expect(api.requests.some((request) => request.url === '/elsewhere')).toBe(false);
  });
});
