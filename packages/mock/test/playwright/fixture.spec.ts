// `@chatroutes/mock/playwright` as an app's end-to-end test uses it: a page that streams a
// reply from the mock of its test.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test as base, expect } from '@playwright/test';
import { seedTwoExchanges } from '../../src/index.js';
import { type ChatRoutesPlaywrightFixtures, chatroutesFixtures } from '../../src/playwright.js';

/**
 * A chat page, as small as can be: given the mock's URL in `?api=`, it asks a question and
 * writes the reply as it comes; without, it does nothing.
 */
const PAGE = `<!doctype html><p id="reply"></p><script type="module">
const api = new URLSearchParams(location.search).get('api') ?? await new Promise(() => {});
const headers = { authorization: 'ApiKey test-key', 'content-type': 'application/json' };
const created = await fetch(api + '/conversations', { method: 'POST', headers, body: '{}' });
const { data } = await created.json();
const response = await fetch(api + '/conversations/' + data.conversation.id + '/messages/stream', {
  method: 'POST', headers, body: JSON.stringify({ content: 'Tell me about branching conversations' }),
});
const reply = document.getElementById('reply');
const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
let buffer = '';
for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
  buffer += chunk.value;
  const events = buffer.split('\\n\\n');
  buffer = events.pop();
  for (const event of events) {
    const json = JSON.parse(event.replace(/^data: /, ''));
    if (json.type === 'content') reply.textContent += json.content;
    if (json.type === 'complete') reply.dataset.done = 'true';
  }
}
</script>`;

/**
 * The app under test: the page below, served on loopback as a dev server would serve it
 * (Chromium lets only a page on a local address call the mock's loopback port).
 */
const test = base.extend<ChatRoutesPlaywrightFixtures, { app: string }>({
  ...chatroutesFixtures,
  app: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring.
    async ({}, use) => {
      const server: Server = createServer((_request, response) => {
        response.setHeader('content-type', 'text/html');
        response.end(PAGE);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      server.close();
    },
    { scope: 'worker' },
  ],
});

test.describe('a reply streamed from the mock', () => {
  test.use({ chatroutesOptions: { streamDelayMs: 40 } });

  test('shows its first words before it completes', async ({ page, app, chatroutes }) => {
    await page.goto(`${app}?api=${encodeURIComponent(chatroutes.url)}`);
    const reply = page.locator('#reply');
    await expect(reply).not.toBeEmpty();
    // The first words are on screen while the reply is still being written.
    await expect(reply).not.toHaveAttribute('data-done', 'true');
    await expect(reply).toHaveAttribute('data-done', 'true');
    const stored = chatroutes.exportState().messages.at(-1);
    expect(stored?.role).toBe('assistant');
    await expect(reply).toHaveText(String(stored?.content));
  });
});

test('gives each test a mock of its own, seeded as the test says', async ({ chatroutes }) => {
  expect(chatroutes.exportState().conversations).toEqual([]);
  const id = await seedTwoExchanges(chatroutes);
  expect(chatroutes.exportState().conversations.map((c) => c.id)).toEqual([id]);
  expect(new URL(chatroutes.url).hostname).toBe('127.0.0.1');
});

test('fails a request as the test says', async ({ page, app, chatroutes }) => {
  await page.goto(app);
  const status = await page.evaluate(
    (api) =>
      fetch(`${api}/conversations`, {
        headers: { authorization: 'ApiKey test-key', 'x-mock-fault': '429' },
      }).then((response) => response.status),
    chatroutes.url,
  );
  expect(status).toBe(429);
});
