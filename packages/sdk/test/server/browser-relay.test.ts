import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '@chatroutes/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatRoutes } from '../../src/index.js';
import { bundleForBrowser } from '../support/browser-bundle.js';
import { APP_KEY, BASE_PATH, relayOnMock } from './harness.js';
import { type NodeHost, serveOnLoopback } from './node-host.js';

// The built package in a web page whose own server hosts the relay: the page holds no key.
const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const store = fileURLToPath(new URL('../../dist/store/index.js', import.meta.url));
const pageScript = `
import { ChatRoutes } from ${JSON.stringify(dist)};
import { ConversationStore } from ${JSON.stringify(store)};
window.run = async () => {
  try {
    const client = new ChatRoutes({ baseUrl: '/api/chatroutes' });
    const conversation = await client.conversations.create({ title: 'From the page' });
    const streamed = await client.messages.stream(conversation.id, { content: 'Hello' }).finalMessage();
    const conversations = await client.conversations.list();
    const page = new ConversationStore(client, conversation.id, { throttle: 0 });
    await page.open();
    await page.send('And again');
    return {
      ok: true,
      baseUrl: client.baseUrl,
      reply: streamed.message.conversationId === conversation.id,
      total: conversations.total,
      path: page.getSnapshot().path.length,
      error: page.getSnapshot().error?.message,
    };
  } catch (error) {
    return { ok: false, name: error.name, message: error.message };
  }
};`;

let host: NodeHost;
let world: ReturnType<typeof relayOnMock>;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  if (!existsSync(dist)) throw new Error('dist/ is missing: run `pnpm build` first');
  const script = await bundleForBrowser(pageScript);
  world = relayOnMock();
  host = await serveOnLoopback((request) => {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith(`${BASE_PATH}/`)) return world.relay(request);
    const js = pathname === '/page.js';
    return new Response(
      js ? script : '<!doctype html><script type="module" src="/page.js"></script>',
      {
        headers: {
          'content-type': js ? 'text/javascript' : 'text/html',
          ...(!js && { 'set-cookie': 'session=alice; Path=/; HttpOnly; SameSite=Strict' }),
        },
      },
    );
  });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

describe('a page on the relay (headless Chromium)', () => {
  it('needs no key, no dangerouslyAllowBrowser, and resolves a path against the page', async () => {
    const tab = await browser.newPage();
    try {
      await tab.goto(`${host.url}/`);
      await tab.waitForFunction(() => 'run' in window);
      const outcome = await tab.evaluate(() =>
        (window as unknown as { run(): Promise<Record<string, unknown>> }).run(),
      );
      expect(outcome).toEqual({
        ok: true,
        baseUrl: `${host.url}${BASE_PATH}`,
        reply: true,
        total: 1,
        path: 4,
        error: undefined,
      });
    } finally {
      await tab.close();
    }
    // The page sent no Authorization of its own; every upstream request carried the app's key.
    expect(world.received.length).toBeGreaterThan(0);
    for (const request of world.received) {
      expect(request.headers.get('authorization')).toBe(`ApiKey ${APP_KEY}`);
    }
  });
});

describe('outside a browser', () => {
  it('refuses a baseUrl that is a path, as before', () => {
    expect(() => new ChatRoutes({ apiKey: 'k', baseUrl: '/api/chatroutes' })).toThrow(
      'options.baseUrl must be an absolute http(s) URL',
    );
  });
});
