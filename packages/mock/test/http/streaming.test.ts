import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../src/node.js';
import { expectChunkMatchesSpec, expectMatchesSpec, sseData } from '../helpers.js';

// Captured before any server of this file starts.
const { Request: RequestBefore, Response: ResponseBefore } = globalThis;
const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(streamDelayMs: number) {
  const server = await createMockServer({ port: 0, streamDelayMs });
  servers.push(server);
  const headers = { authorization: 'ApiKey k', 'content-type': 'application/json' };
  const created = await fetch(`${server.url}/conversations`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ title: 'Streams' }),
  });
  const conversationId: string = (await created.json()).data.conversation.id;
  const stream = (content: string, signal?: AbortSignal, maxTokens?: number) =>
    fetch(`${server.url}/conversations/${conversationId}/messages/stream`, {
      method: 'POST',
      headers: { ...headers, accept: 'text/event-stream' },
      body: JSON.stringify({ content, ...(maxTokens && { maxTokens }) }),
      ...(signal && { signal }),
    });
  const messages = async () =>
    (
      await (
        await fetch(`${server.url}/conversations/${conversationId}/messages`, { headers })
      ).json()
    ).data.messages;
  return { server, stream, messages };
}

describe('SSE streaming over HTTP', () => {
  it('writes content chunks over time, then complete, then [DONE]; the stored reply is the streamed text', async () => {
    const { server, stream, messages } = await start(10);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    const response = await stream('Explain how trams work in Lisbon.');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);

    const decoder = new TextDecoder();
    let text = '';
    let reads = 0;
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      reads += 1;
      text += decoder.decode(read.value, { stream: true });
    }
    const events = sseData(text);
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((data) => JSON.parse(data));
    for (const chunk of chunks) expectChunkMatchesSpec(chunk);
    const complete = chunks.at(-1);
    expect(complete.type).toBe('complete');
    const contents = chunks.slice(0, -1);
    expect(contents.length).toBeGreaterThan(5);
    expect(contents.every((chunk: { type: string }) => chunk.type === 'content')).toBe(true);
    // Paced writes reach the client as separate reads, not one buffered body.
    expect(reads).toBeGreaterThan(1);

    const streamed = contents.map((chunk: { content: string }) => chunk.content).join('');
    expect(complete.message.content).toBe(streamed);
    expect(complete.model).toBe('gpt-5-2025-08-07');
    const stored = await messages();
    expect(stored.at(-1)).toEqual(complete.message);
    expectMatchesSpec('listMessages', 200, { success: true, data: { messages: stored } });
  });

  it('answers errors before the stream as JSON', async () => {
    const { server } = await start(0);
    const response = await fetch(`${server.url}/conversations/conv_missing/messages/stream`, {
      method: 'POST',
      headers: { authorization: 'ApiKey k', 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'hi' }),
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
    expectMatchesSpec('streamMessage', 404, await response.json());
  });

  it('stores nothing when the client aborts mid-stream', async () => {
    const { stream, messages } = await start(20);
    const controller = new AbortController();
    // A short reply (a few words, about 100 ms of stream): waiting past its end proves
    // that the abort, not the timing, kept it from being stored.
    const response = await stream('Start and stop.', controller.signal, 6);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400));
    // Rolled back whole: neither the reply nor the prompt is stored.
    expect(await messages()).toEqual([]);
  });

  it('closes promptly with a slow stream still open', async () => {
    const { server, stream } = await start(10_000);
    const response = await stream('A very slow answer.');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await server.close();
    // The stream ends (cleanly or with the dropped connection) instead of hanging.
    const ending = await reader.read().then(
      (result) => (result.done ? 'ended' : 'more'),
      () => 'dropped',
    );
    expect(['ended', 'dropped']).toContain(ending);
  });
});

describe('the HTTP server', () => {
  it("leaves the process's global Request and Response untouched", async () => {
    const { server } = await start(0);
    await fetch(`${server.url}/autobranch/health`, { headers: { authorization: 'ApiKey k' } });
    expect(globalThis.Request).toBe(RequestBefore);
    expect(globalThis.Response).toBe(ResponseBefore);
  });
});
