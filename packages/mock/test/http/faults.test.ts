import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../src/node.js';
import { expectMatchesSpec, setup } from '../helpers.js';

const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const AUTH = { authorization: 'ApiKey k', 'content-type': 'application/json' };

async function serverWithConversation(options: Parameters<typeof createMockServer>[0] = {}) {
  const server = await createMockServer({ port: 0, streamDelayMs: 1, ...options });
  servers.push(server);
  const created = await fetch(`${server.url}/conversations`, {
    method: 'POST',
    headers: AUTH,
    body: '{}',
  });
  const conversationId: string = (await created.json()).data.conversation.id;
  const messagesUrl = `${server.url}/conversations/${conversationId}/messages`;
  const send = (fault?: string, extra: RequestInit = {}) =>
    fetch(messagesUrl, {
      method: 'POST',
      headers: { ...AUTH, ...(fault && { 'x-mock-fault': fault }) },
      body: JSON.stringify({ content: 'Hello there, how are you today?' }),
      ...extra,
    });
  const stream = (fault?: string, extra: RequestInit = {}) =>
    fetch(`${messagesUrl}/stream`, {
      method: 'POST',
      headers: { ...AUTH, ...(fault && { 'x-mock-fault': fault }) },
      body: JSON.stringify({ content: 'Tell me a long story about the sea.' }),
      ...extra,
    });
  const stored = async () =>
    (await (await fetch(messagesUrl, { headers: AUTH })).json()).data.messages;
  return { server, send, stream, stored };
}

describe('fault injection by header', () => {
  it('429 carries Retry-After and retryAfter, and stores nothing', async () => {
    const { send, stored } = await serverWithConversation();
    const limited = await send('429; retry-after=3');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    const body = await limited.json();
    expectMatchesSpec('sendMessage', 429, body);
    expect(body).toMatchObject({ retryAfter: 3, code: 'RATE_LIMITED' });
    expect(await stored()).toEqual([]);
  });

  it('500 answers the JSON error; 502-html answers an HTML page', async () => {
    const { send } = await serverWithConversation();
    const failed = await send('500');
    expect(failed.status).toBe(500);
    expectMatchesSpec('sendMessage', 500, await failed.json());

    const gateway = await send('502-html');
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get('content-type')).toContain('text/html');
    expect(await gateway.text()).toContain('502 Bad Gateway');
  });

  it('count=N fails only the first N attempts of the same request', async () => {
    const { send, stored } = await serverWithConversation();
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt++)
      statuses.push((await send('429; count=2')).status);
    expect(statuses).toEqual([429, 429, 200]);
    expect(await stored()).toHaveLength(2);
  });

  it('reset drops the connection before anything is stored', async () => {
    const { send, stored } = await serverWithConversation();
    await expect(send('reset')).rejects.toThrow(TypeError);
    expect(await stored()).toEqual([]);
  });

  it('reset-after stores the exchange, then drops the connection', async () => {
    const { send, stored } = await serverWithConversation();
    await expect(send('reset-after')).rejects.toThrow(TypeError);
    expect(await stored()).toHaveLength(2);
  });

  it('500-after stores the exchange, then answers 500', async () => {
    const { send, stored } = await serverWithConversation();
    expect((await send('500-after')).status).toBe(500);
    expect(await stored()).toHaveLength(2);
  });

  it('stall holds a JSON request until the client gives up', async () => {
    const { send, stored } = await serverWithConversation();
    await expect(send('stall', { signal: AbortSignal.timeout(150) })).rejects.toThrow();
    expect(await stored()).toEqual([]);
  });

  it('stall on a stream sends the first chunk, then nothing', async () => {
    const { stream } = await serverWithConversation();
    const controller = new AbortController();
    const response = await stream('stall', { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/^data: \{"type":"content"/);
    const next = reader.read();
    const winner = await Promise.race([
      next.then(() => 'data'),
      new Promise((r) => setTimeout(() => r('silence'), 150)),
    ]);
    expect(winner).toBe('silence');
    controller.abort();
    await expect(next).rejects.toThrow();
  });

  it('cut-stream ends a stream without its complete chunk, and stores nothing', async () => {
    const { stream, stored } = await serverWithConversation();
    const text = await (await stream('cut-stream')).text();
    const events = text.split('\n\n').filter(Boolean);
    expect(events).toHaveLength(3);
    expect(text).not.toContain('"type":"complete"');
    expect(text).not.toContain('[DONE]');
    // The exchange was rolled back: not even the prompt is left.
    expect(await stored()).toEqual([]);
  });

  it('cut-stream on a JSON request sends half a body with a 200', async () => {
    const { send } = await serverWithConversation();
    const response = await send('cut-stream');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(text.startsWith('{"success":true')).toBe(true);
  });

  it('refuses an unknown fault with 400', async () => {
    const { send } = await serverWithConversation();
    const refused = await send('explode');
    expect(refused.status).toBe(400);
    expect((await refused.json()).message).toContain('Unknown x-mock-fault');
  });
});

describe('fault injection in process', () => {
  it('makes mock.fetch reject like a dropped connection on reset', async () => {
    const { mock } = setup();
    const request = mock.fetch('https://api.chatroutes.com/api/v1/autobranch/health', {
      headers: { authorization: 'ApiKey k', 'x-mock-fault': 'reset' },
    });
    await expect(request).rejects.toThrow(TypeError);
  });

  it('rejects a stalled mock.fetch when its signal aborts', async () => {
    const { mock } = setup();
    const request = mock.fetch('https://api.chatroutes.com/api/v1/autobranch/health', {
      headers: { authorization: 'ApiKey k', 'x-mock-fault': 'stall' },
      signal: AbortSignal.timeout(50),
    });
    await expect(request).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});

describe('fault injection by rate', () => {
  const statuses = async (seed: number) => {
    const { mock } = setup({ seed, faults: { rate: 0.5, kinds: ['429', '500'] } });
    const result = [];
    for (let index = 0; index < 20; index++) {
      const response = await mock.fetch('https://api.chatroutes.com/api/v1/autobranch/health', {
        headers: { authorization: 'ApiKey k' },
      });
      result.push(response.status);
    }
    return result;
  };

  it('fails about the configured share of requests, the same ones for the same seed', async () => {
    const first = await statuses(42);
    expect(await statuses(42)).toEqual(first);
    expect(await statuses(43)).not.toEqual(first);
    const failures = first.filter((status) => status !== 200);
    expect(failures.length).toBeGreaterThan(2);
    expect(failures.length).toBeLessThan(18);
    expect(new Set(failures)).toEqual(new Set([429, 500]));
  });

  it('rejects a rate outside 0–1', () => {
    expect(() => setup({ faults: { rate: 2 } })).toThrow(RangeError);
  });
});
