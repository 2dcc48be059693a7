import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '@chatroutes/chromium';
import { createMockApp, type MockApp } from '@chatroutes/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser } from '../support/browser-bundle.js';
import { type LoopbackServer, startLoopbackServer } from '../support/loopback-server.js';

// The relay round trip, as an app would build it: a Node route streams `toReadableStream()` of
// the SDK (talking to @chatroutes/mock), and a web page in headless Chromium reads the body of
// `fetch('/chat')` back with `MessageStream.fromReadableStream()` from the built package.

const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const pageScript = `
import { MessageStream } from ${JSON.stringify(dist)};
window.relay = async (path) => {
  const seen = { chunks: [], texts: [], completed: [] };
  try {
    const response = await fetch(path, { method: 'POST' });
    const stream = MessageStream.fromReadableStream(response.body, {
      onChunk: (chunk) => seen.chunks.push(chunk.type),
      onComplete: (message) => seen.completed.push(message.id),
    });
    const [forText, forResult] = stream.tee();
    for await (const text of forText.textStream) seen.texts.push(text);
    const { message, usage, model } = await forResult.finalMessage();
    return { ok: true, ...seen, message, usage, model };
  } catch (error) {
    return { ok: false, ...seen, name: error.name, message: error.message, partialText: error.partialText };
  }
};`;

interface Outcome {
  ok: boolean;
  chunks: string[];
  texts: string[];
  completed: string[];
  message?: unknown;
  usage?: { totalTokens: number };
  model?: string;
  name?: string;
  partialText?: string;
}

let mock: MockApp;
let site: LoopbackServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let conversationId: string;

beforeAll(async () => {
  if (!existsSync(dist)) throw new Error('dist/ is missing: run `pnpm build` first');
  // Built on the dist, as the page's bundle is: both must be the code users get.
  const { ChatRoutes } = (await import(dist)) as typeof import('../../src/index.js');
  mock = createMockApp();
  const client = new ChatRoutes({ apiKey: 'cr_test_relay', fetch: mock.fetch });
  conversationId = (await client.conversations.create({ title: 'Relay' })).id;

  const script = await bundleForBrowser(pageScript);

  site = await startLoopbackServer(async (response, index) => {
    const path = site.requests[index]?.url;
    if (path === '/page.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else if (path === '/chat' || path === '/chat-cut') {
      // The server route: the key stays here; the browser gets the chunks as NDJSON.
      const stream = client.messages.stream(conversationId, { content: 'Tell me about Lisbon' });
      response.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
      const reader = stream.toReadableStream().getReader();
      for (let lines = 0; ; lines++) {
        const { done, value } = await reader.read();
        if (done) break;
        if (path === '/chat-cut' && lines === 2) {
          // The route dies mid-reply: the browser sees a body cut short.
          await reader.cancel();
          response.socket?.destroy();
          return;
        }
        response.write(value);
      }
      response.end();
    } else {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><script type="module" src="/page.js"></script>');
    }
  });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await mock?.close();
});

async function inPage(path: string): Promise<Outcome> {
  const tab = await browser.newPage();
  try {
    await tab.goto(site.url);
    await tab.waitForFunction(() => 'relay' in window);
    return await tab.evaluate(
      (route) => (window as unknown as { relay(path: string): Promise<Outcome> }).relay(route),
      path,
    );
  } finally {
    await tab.close();
  }
}

describe('relay: server route → browser (headless Chromium)', () => {
  it('reads the whole reply in the page: chunks, text, callbacks and the final message', async () => {
    const outcome = await inPage('/chat');
    expect(outcome).toMatchObject({ ok: true });
    expect(outcome.chunks.length).toBeGreaterThan(2);
    expect(outcome.chunks.at(-1)).toBe('complete');
    expect(outcome.chunks.slice(0, -1).every((type) => type === 'content')).toBe(true);
    const message = outcome.message as { id: string; content: string; role: string };
    expect(outcome.texts.join('')).toBe(message.content);
    expect(message.role).toBe('assistant');
    expect(outcome.completed).toEqual([message.id]);
    expect(outcome.usage?.totalTokens).toBeGreaterThan(0);
    expect(outcome.model).toMatch(/\S/);
    // The browser never saw the key: only the route's own requests carry it.
    expect(site.requests.every((request) => !request.headers.authorization)).toBe(true);
  });

  it('fails in the page with StreamError and the partial text when the route dies mid-reply', async () => {
    const outcome = await inPage('/chat-cut');
    expect(outcome).toMatchObject({ ok: false, name: 'StreamError' });
    expect(outcome.texts.length).toBeGreaterThan(0);
    expect(outcome.partialText).toBe(outcome.texts.join(''));
    expect(outcome.completed).toEqual([]);
  });
});
