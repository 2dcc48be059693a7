import { setTimeout as delay } from 'node:timers/promises';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatRoutes } from '../../src/client.js';
import { AbortError, StreamError, TimeoutError } from '../../src/core/errors.js';
import type { MessageStreamChunk } from '../../src/streaming/message-stream.js';
import {
  type Answer,
  type LoopbackServer,
  startLoopbackServer,
} from '../support/loopback-server.js';
import {
  assistantMessage,
  complete,
  content,
  sseBody,
  startEventStream,
} from '../support/sse-server.js';

// `client.messages.stream()` end to end: the request pipeline (retries, timeout until headers,
// Idempotency-Key) opening the HTTP request, MessageStream reading it.

const replyChunks = [content('Bom '), content('dia 🌞'), complete('Bom dia 🌞')];
const replyBytes = sseBody(replyChunks);
const request = { content: 'Say good morning in Portuguese' };

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(scenario: Answer, options = {}) {
  server = await startLoopbackServer(scenario);
  const client = new ChatRoutes({
    apiKey: 'test-key',
    baseUrl: server.url,
    retryDelay: 1,
    ...options,
  });
  return { client, requests: server.requests };
}

function connectionEnd(index: number): Promise<{ finished: boolean }> {
  const closed = server?.requests[index]?.closed;
  if (!closed) throw new Error(`no request number ${index} reached the server`);
  return Promise.race([
    closed,
    delay(3000).then(() => {
      throw new Error('the client never closed the connection');
    }),
  ]);
}

describe('client.messages.stream()', () => {
  it('sends the stream request and resolves the reply (callback style)', async () => {
    const { client, requests } = await clientFor((response) => {
      startEventStream(response);
      response.end(replyBytes);
    });
    const onChunk = vi.fn();
    const onComplete = vi.fn();
    const result = await client.messages.stream('conv_x', request, { onChunk, onComplete });

    expect(result.message).toEqual(assistantMessage('Bom dia 🌞'));
    expect(result.model).toBe('gpt-5-2025-08-07');
    expect(onChunk).toHaveBeenCalledTimes(3);
    expect(onComplete).toHaveBeenCalledExactlyOnceWith(assistantMessage('Bom dia 🌞'));

    const [sent] = requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('/conversations/conv_x/messages/stream');
    expect(sent?.headers.accept).toBe('text/event-stream');
    expect(sent?.headers.authorization).toBe('ApiKey test-key');
    expect(sent?.headers['idempotency-key']).toMatch(/\S/);
    expect(JSON.parse(sent?.body ?? '')).toEqual(request);
  });

  it('iterates chunks and text deltas (iterator style)', async () => {
    const { client } = await clientFor((response) => {
      startEventStream(response);
      response.end(replyBytes);
    });
    const chunks: MessageStreamChunk[] = [];
    for await (const chunk of client.messages.stream('conv_x', request)) chunks.push(chunk);
    expect(chunks).toEqual(replyChunks);

    const texts: string[] = [];
    for await (const text of client.messages.stream('conv_x', request).textStream) {
      texts.push(text);
    }
    expect(texts.join('')).toBe('Bom dia 🌞');
  });

  it('retries a 500 that comes before the first byte, with the same Idempotency-Key', async () => {
    const { client, requests } = await clientFor((response, index) => {
      if (index === 0) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ success: false, error: 'Internal error' }));
        return;
      }
      startEventStream(response);
      response.end(replyBytes);
    });
    const result = await client.messages.stream('conv_x', request);
    expect(result.message.content).toBe('Bom dia 🌞');
    expect(requests).toHaveLength(2);
    expect(requests[1]?.headers['idempotency-key']).toBe(requests[0]?.headers['idempotency-key']);
  });

  it('re-opens a stream cut before its first event, with the same Idempotency-Key', async () => {
    const { client, requests } = await clientFor((response, index) => {
      startEventStream(response);
      if (index === 0) response.socket?.destroy();
      else response.end(replyBytes);
    });
    const result = await client.messages.stream('conv_x', request);
    expect(result.message.content).toBe('Bom dia 🌞');
    expect(requests).toHaveLength(2);
    expect(requests[1]?.headers['idempotency-key']).toBe(requests[0]?.headers['idempotency-key']);
  });

  it('does not retry a stream cut after its first chunk', async () => {
    const { client, requests } = await clientFor(async (response) => {
      startEventStream(response);
      response.write(sseBody([content('Bom ')], { done: false }));
      await delay(20);
      response.socket?.destroy();
    });
    const error = await client.messages.stream('conv_x', request).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).partialText).toBe('Bom ');
    expect(requests).toHaveLength(1);
  });

  it('bounds the wait for headers with timeout, and the silence between events with idleTimeout', async () => {
    const { client } = await clientFor(() => {
      // Never answers.
    });
    const noHeaders = client.messages.stream('conv_x', request, { timeout: 100, retryAttempts: 0 });
    await expect(noHeaders.finalMessage()).rejects.toBeInstanceOf(TimeoutError);

    await server?.close();
    const stalled = await clientFor((response) => {
      startEventStream(response);
      response.write(sseBody([content('Bom ')], { done: false }));
    });
    const silent = stalled.client.messages.stream('conv_x', request, { idleTimeout: 100 });
    await expect(silent.finalMessage()).rejects.toBeInstanceOf(TimeoutError);
    expect(await connectionEnd(0)).toEqual({ finished: false });
  });

  it('break and the caller signal close the connection on the server', async () => {
    const slow: Answer = (response) => {
      startEventStream(response);
      response.write(sseBody([content('Bom ')], { done: false }));
    };
    const { client } = await clientFor(slow);
    for await (const _ of client.messages.stream('conv_x', request)) break;
    expect(await connectionEnd(0)).toEqual({ finished: false });

    const controller = new AbortController();
    const stream = client.messages.stream('conv_x', request, {
      signal: controller.signal,
      onChunk: () => controller.abort(),
    });
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(AbortError);
    expect(await connectionEnd(1)).toEqual({ finished: false });
  });

  it('refuses a body JSON cannot encode at once, before any request and without retries', async () => {
    const { client, requests } = await clientFor((response) => {
      startEventStream(response);
      response.end(replyBytes);
    });
    const cyclic: Record<string, unknown> = { content: 'Hi' };
    cyclic.self = cyclic;
    const bodies = [{ content: 'Hi', tokens: 10n }, cyclic];
    for (const body of bodies) {
      const opening = () => client.messages.stream('conv_x', body as unknown as typeof request);
      expect(opening).toThrow(TypeError);
      expect(opening).toThrow(/^data cannot be encoded as JSON: /);
    }
    await delay(50);
    expect(requests).toHaveLength(0);
  });

  it('never puts the API key into a stream error, even JSON-escaped or in x-request-id', async () => {
    const apiKey = 'sk_live_stream_secret';
    const escaped = '\\u0073k_live_stream_secret';
    const bodies = [
      `event: error\ndata: {"message":"key ${escaped} revoked","code":"${escaped}"}\n\n`,
      `data: {"type":"error","error":"bad ${escaped}","echo":{"${escaped}":["${escaped}"]}}\n\n`,
      `data: not json ${apiKey}\n\n`,
      `data: {"type":"content","content":{"k":"${escaped}"}}\n\n`,
    ];
    const { client } = await clientFor(
      (response, index) => {
        if (index === bodies.length) {
          response.writeHead(200, { 'content-type': 'text/html', 'x-request-id': `req ${apiKey}` });
          response.end('<html></html>');
          return;
        }
        response.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': apiKey });
        response.end(bodies[index]);
      },
      { apiKey, retryAttempts: 0 },
    );
    for (let index = 0; index <= bodies.length; index++) {
      const error = await client.messages.stream('conv_x', request).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error, `answer ${index}`).toBeInstanceOf(StreamError);
      const shown = `${String(error)} ${JSON.stringify(error)} ${inspect(error, { depth: 9 })}`;
      expect(shown, `answer ${index}`).not.toContain(apiKey);
      expect(shown, `answer ${index}`).toContain('[redacted]');
    }
  });

  it('passes maxEventBytes on to the stream', async () => {
    const { client, requests } = await clientFor((response) => {
      startEventStream(response);
      response.end(replyBytes);
    });
    const stream = client.messages.stream('conv_x', request, { maxEventBytes: 20 });
    await expect(stream.finalMessage()).rejects.toMatchObject({ code: 'event_too_large' });
    expect(requests).toHaveLength(1);
  });
});
