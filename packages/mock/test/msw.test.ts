// `@chatroutes/mock/msw` in Node, with msw 2's `setupServer`: the app's own `fetch` reaches
// the mock's state at the production base URL, and nothing else is touched.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockApp, type MockApp, MockOptionError } from '../src/index.js';
import { chatroutesHandlers } from '../src/msw.js';

const PRODUCTION = 'https://api.chatroutes.com/api/v1';
const headers = { authorization: 'ApiKey test-key', 'content-type': 'application/json' };

let mock: MockApp;
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => {
  server.resetHandlers();
  mock?.close();
});
afterAll(() => server.close());

function use(options: Parameters<typeof createMockApp>[0] = {}, baseUrl?: string) {
  mock = createMockApp({ streamDelayMs: 0, ...options });
  server.use(...chatroutesHandlers(mock, baseUrl === undefined ? {} : { baseUrl }));
  return mock;
}

async function createConversation(base = PRODUCTION): Promise<string> {
  const response = await fetch(`${base}/conversations`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ title: 'Through MSW' }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { data: { conversation: { id: string } } }).data.conversation
    .id;
}

describe('chatroutesHandlers', () => {
  it("serves the production base URL from the mock's state", async () => {
    use();
    const id = await createConversation();
    const sent = await fetch(`${PRODUCTION}/conversations/${id}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ content: 'Plan a weekend in Lisbon' }),
    });
    expect(sent.status).toBe(200);
    const state = mock.exportState();
    expect(state.conversations.map((c) => c.id)).toEqual([id]);
    expect(state.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    // Queries reach the mock too.
    const page = await fetch(`${PRODUCTION}/conversations?limit=1`, { headers });
    expect(((await page.json()) as { conversations: unknown[] }).conversations).toHaveLength(1);
  });

  it('serves a base URL of your own, and nothing under another path', async () => {
    use({}, 'https://chat.example.test/proxy/v2/');
    const id = await createConversation('https://chat.example.test/proxy/v2');
    expect(mock.exportState().conversations.map((c) => c.id)).toEqual([id]);
    // The production URL is not under this base: MSW lets it go on (and it fails offline).
    await expect(fetch(`${PRODUCTION}/conversations`, { headers })).rejects.toThrow();
  });

  it('lets every other request through', async () => {
    use();
    const other: Server = createServer((_request, response) => response.end('not the mock'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = other.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/conversations`);
      expect(await response.text()).toBe('not the mock');
    } finally {
      other.close();
    }
  });

  it('streams a reply as it is written, not in one piece', async () => {
    use({ streamDelayMs: 5 });
    const id = await createConversation();
    const response = await fetch(`${PRODUCTION}/conversations/${id}/messages/stream`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ content: 'Tell me a long story about forks' }),
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let reads = 0;
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      reads += 1;
      text += decoder.decode(chunk.value, { stream: true });
    }
    expect(text).toMatch(/"type":"complete"/);
    expect(reads).toBeGreaterThan(2);
  });

  it('stores nothing of a request the client abandons', async () => {
    use({ latency: 200 });
    const id = await createConversation();
    const abandoned = fetch(`${PRODUCTION}/conversations/${id}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ content: 'Never mind' }),
      signal: AbortSignal.timeout(20),
    });
    await expect(abandoned).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mock.exportState().messages).toEqual([]);
  });

  it("gives the client a network error for the mock's reset fault, not a 500", async () => {
    use();
    const reset = fetch(`${PRODUCTION}/conversations`, {
      headers: { ...headers, 'x-mock-fault': 'reset' },
    });
    await expect(reset).rejects.toThrow(TypeError);
    // The mock's other answers, errors included, come back as they are.
    const missing = await fetch(`${PRODUCTION}/conversations/conv_missing`, { headers });
    expect(missing.status).toBe(404);
  });

  it('refuses a base URL it cannot match, naming the option', () => {
    const app = createMockApp();
    expect(() => chatroutesHandlers(app, { baseUrl: 'api.chatroutes.com' })).toThrow(
      MockOptionError,
    );
    expect(() => chatroutesHandlers(app, { baseUrl: 'https://x.test/v1?key=1' })).toThrow(
      /baseUrl.*query/,
    );
    app.close();
  });
});
