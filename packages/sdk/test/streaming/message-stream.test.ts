import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  ChatRoutesError,
  ServerError,
  StreamError,
  TimeoutError,
} from '../../src/core/errors.js';
import {
  MessageStream,
  type MessageStreamChunk,
  type MessageStreamOptions,
  type OpenStreamResponse,
} from '../../src/streaming/message-stream.js';
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
  writeInPieces,
} from '../support/sse-server.js';

const reply = ['Hello', ', wor', 'ld 🌍', '!'];
const replyText = reply.join('');
const replyChunks = [...reply.map(content), complete(replyText)];
const replyBytes = sseBody(replyChunks);

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(scenario: Answer): Promise<LoopbackServer> {
  server = await startLoopbackServer(scenario);
  return server;
}

/** Opens an attempt as a plain `fetch` call to the test server. */
function openFrom(url: string): OpenStreamResponse {
  return (signal) =>
    fetch(`${url}/conversations/conv_x/messages/stream`, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'Hi' }),
      signal,
    });
}

/** A stand-alone MessageStream whose attempts are plain `fetch` calls to the test server. */
function streamFrom(url: string, options: MessageStreamOptions = {}): MessageStream {
  return MessageStream.fromHttp(openFrom(url), { retryDelay: 1, ...options });
}

async function collect(stream: AsyncIterable<MessageStreamChunk>): Promise<MessageStreamChunk[]> {
  const chunks: MessageStreamChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** How the server saw request `index` end, failing fast if the client never hangs up. */
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

async function failureOf(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the stream to fail');
}

describe('MessageStream over a real HTTP connection', () => {
  it('delivers every chunk once and in order whatever byte offset splits the body', async () => {
    const { url } = await serve(async (response, index) => {
      startEventStream(response);
      await writeInPieces(response, replyBytes, [index]);
      response.end();
    });
    // Request number n is split at byte n, so offsets 0..length cover every split. One
    // request per offset, each a real connection: the time bound is for a machine busy with
    // every other suite (a few seconds alone).
    for (let offset = 0; offset <= replyBytes.length; offset++) {
      expect(await collect(streamFrom(url)), `split at byte ${offset}`).toEqual(replyChunks);
    }
  }, 90_000);

  it('delivers the same chunks when the server writes one byte at a time', async () => {
    const everyByte = Array.from(replyBytes, (_, index) => index);
    const { url } = await serve(async (response) => {
      startEventStream(response);
      await writeInPieces(response, replyBytes, everyByte, 0);
      response.end();
    });
    expect(await collect(streamFrom(url))).toEqual(replyChunks);
  });

  it('keeps a 4-byte emoji intact when its bytes arrive in separate reads', async () => {
    const bytes = sseBody([content('party 🎉 time'), complete('party 🎉 time')]);
    const emoji = bytes.indexOf(0xf0);
    const { url } = await serve(async (response) => {
      startEventStream(response);
      await writeInPieces(response, bytes, [emoji + 1, emoji + 2, emoji + 3], 5);
      response.end();
    });
    const texts: string[] = [];
    for await (const text of streamFrom(url).textStream) texts.push(text);
    expect(texts).toEqual(['party 🎉 time']);
  });

  it('reads CRLF line endings, and ignores comments, retry and id lines', async () => {
    const body =
      ': keep-alive\r\nretry: 10\r\n\r\n' +
      `id: 1\r\ndata: ${JSON.stringify(content('Hi'))}\r\n\r\n` +
      ': another comment\r\n' +
      `data: ${JSON.stringify(complete('Hi'))}\r\n\r\ndata: [DONE]\r\n\r\n`;
    const { url } = await serve(async (response) => {
      startEventStream(response);
      await writeInPieces(response, new TextEncoder().encode(body), [13, 14, 40, 41]);
      response.end();
    });
    expect(await collect(streamFrom(url))).toEqual([content('Hi'), complete('Hi')]);
  });

  it('is awaitable: runs the callbacks and resolves {message, usage, model}', async () => {
    const { url } = await serve((response) => {
      startEventStream(response);
      response.end(replyBytes);
    });
    const onChunk = vi.fn();
    const onComplete = vi.fn();
    const onError = vi.fn();
    const result = await streamFrom(url, { onChunk, onComplete, onError });

    expect(result).toEqual({
      message: assistantMessage(replyText),
      usage: { promptTokens: 12, completionTokens: 5, totalTokens: 17 },
      model: 'gpt-5-2025-08-07',
    });
    expect(onChunk.mock.calls.map(([chunk]) => chunk)).toEqual(replyChunks);
    expect(onComplete).toHaveBeenCalledExactlyOnceWith(assistantMessage(replyText));
    expect(onError).not.toHaveBeenCalled();
  });

  it('resolves finalMessage() after a for await, and refuses a second consumer', async () => {
    const { url } = await serve((response) => {
      startEventStream(response);
      response.end(replyBytes);
    });
    const stream = streamFrom(url);
    await collect(stream);
    expect((await stream.finalMessage()).message.content).toBe(replyText);
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/already being consumed/);
  });

  it('passes unknown chunk types through, typed as unknown', async () => {
    const progress = { type: 'progress', step: 2 };
    const { url } = await serve((response) => {
      startEventStream(response);
      response.end(sseBody([content('a'), progress, complete('a')]));
    });
    expect(await collect(streamFrom(url))).toEqual([
      content('a'),
      { type: 'unknown', data: progress },
      complete('a'),
    ]);
  });

  it('pipes as newline-delimited JSON through toReadableStream()', async () => {
    const { url } = await serve((response) => {
      startEventStream(response);
      response.end(replyBytes);
    });
    const text = await new Response(streamFrom(url).toReadableStream()).text();
    expect(text.split('\n')).toEqual([...replyChunks.map((chunk) => JSON.stringify(chunk)), '']);
  });
});

describe('MessageStream failures', () => {
  it('fails with StreamError and the partial text when [DONE] comes without complete', async () => {
    const { url, requests } = await serve((response) => {
      startEventStream(response);
      response.end(sseBody([content('Half a '), content('reply')]));
    });
    const onError = vi.fn();
    const error = await failureOf(streamFrom(url, { onError }));
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).partialText).toBe('Half a reply');
    expect(onError).toHaveBeenCalledExactlyOnceWith(error);
    expect(requests).toHaveLength(1);
  });

  it('fails with StreamError and the partial text when the connection is cut mid-reply', async () => {
    const { url, requests } = await serve(async (response) => {
      startEventStream(response);
      response.write(sseBody([content('Hello'), content(', wor')], { done: false }));
      await delay(20);
      response.socket?.destroy();
    });
    const received: MessageStreamChunk[] = [];
    const stream = streamFrom(url);
    const error = await failureOf(
      (async () => {
        for await (const chunk of stream) received.push(chunk);
      })(),
    );
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).partialText).toBe('Hello, wor');
    expect(received).toEqual([content('Hello'), content(', wor')]);
    // Chunks had reached the caller: a silent restart would repeat them.
    expect(requests).toHaveLength(1);
    await expect(stream.finalMessage()).rejects.toBe(error);
  });

  it('fails with TimeoutError after idleTimeout when the server stalls, and hangs up', async () => {
    const { url, requests } = await serve((response) => {
      startEventStream(response);
      response.write(sseBody([content('one'), content(' two')], { done: false }));
      // …and then nothing, forever.
    });
    const error = await failureOf(streamFrom(url, { idleTimeout: 150 }));
    expect(error).toBeInstanceOf(TimeoutError);
    // The partial text is where every stream error keeps it, not in `details`.
    expect(error).toMatchObject({ code: 'idle_timeout', partialText: 'one two' });
    expect((error as TimeoutError).details).toBeUndefined();
    expect(requests).toHaveLength(1);
    expect(await connectionEnd(0)).toEqual({ finished: false });
  });

  it('counts a server trickling an event that never ends as silent: idleTimeout still fires', async () => {
    const { url, requests } = await serve(async (response) => {
      startEventStream(response);
      response.write(sseBody([content('one')], { done: false }));
      response.write('data: {"type":"content","content":"');
      // A byte every 40 ms, never a line end: each read brings bytes, but no event.
      for (let byte = 0; byte < 200 && !response.destroyed; byte++) {
        response.write('x');
        await delay(40);
      }
    });
    const started = Date.now();
    const error = await failureOf(streamFrom(url, { idleTimeout: 300, retryAttempts: 0 }));
    expect(error).toMatchObject({ code: 'idle_timeout', partialText: 'one' });
    // Well before the 8 s the trickle would last.
    expect(Date.now() - started).toBeLessThan(4000);
    expect(requests).toHaveLength(1);
  });

  it('counts comments as signs of life: keep-alives hold off idleTimeout', async () => {
    const { url } = await serve(async (response) => {
      startEventStream(response);
      for (let beat = 0; beat < 8; beat++) {
        response.write(': keep-alive\n');
        await delay(50);
      }
      response.end(replyBytes);
    });
    const result = await streamFrom(url, { idleTimeout: 250, retryAttempts: 0 });
    expect(result.message.content).toBe(replyText);
  });

  it('does not count the time the consumer spends on a chunk as server silence', async () => {
    const { url } = await serve((response) => {
      startEventStream(response);
      response.end(replyBytes);
    });
    const chunks: MessageStreamChunk[] = [];
    // Generous margins: a busy CI machine must not turn a slow loop into a spurious timeout.
    for await (const chunk of streamFrom(url, { idleTimeout: 150, retryAttempts: 0 })) {
      chunks.push(chunk);
      await delay(200);
    }
    expect(chunks).toEqual(replyChunks);
  });

  it('fails with StreamError on an event that is not JSON, without re-opening', async () => {
    const { url, requests } = await serve((response) => {
      startEventStream(response);
      response.end('data: {"type":"content","content":\n\n');
    });
    const error = await failureOf(streamFrom(url));
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).details).toEqual({ data: '{"type":"content","content":' });
    expect(requests).toHaveLength(1);
  });

  it('fails with StreamError on an error chunk, keeping the text so far', async () => {
    const failure = { type: 'error', error: 'Provider overloaded', code: 'provider_error' };
    const { url } = await serve((response) => {
      startEventStream(response);
      response.end(sseBody([content('Par'), failure]));
    });
    const error = await failureOf(streamFrom(url));
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({
      partialText: 'Par',
      code: 'provider_error',
      details: failure,
      message: expect.stringContaining('Provider overloaded'),
    });
  });

  it('maps a non-2xx answer that reaches it to the typed error', async () => {
    const { url, requests } = await serve((response) => {
      response.writeHead(503, { 'content-type': 'application/json', 'x-request-id': 'req_1' });
      response.end(JSON.stringify({ success: false, error: 'Down for maintenance' }));
    });
    const error = await failureOf(streamFrom(url));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, requestId: 'req_1' });
    // Retrying statuses is the request pipeline's job (with Retry-After): never doubled here.
    expect(requests).toHaveLength(1);
  });

  it('refuses a 2xx answer that is not an event stream', async () => {
    const { url } = await serve((response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ success: false, error: 'nope' }));
    });
    const error = await failureOf(streamFrom(url));
    expect(error).toBeInstanceOf(StreamError);
    expect((error as Error).message).toMatch(/application\/json/);
  });
});

describe('MessageStream bounds and server errors', () => {
  it('fails with StreamError once one event passes maxEventBytes, closes and never re-opens', async () => {
    const kib = 'x'.repeat(1024);
    let written = 0;
    const { url, requests } = await serve(async (response) => {
      startEventStream(response);
      response.write(sseBody([content('Before')], { done: false }));
      response.write('data: ');
      // A line that never ends: 64 MiB unless the client hangs up first.
      while (written < 64 * 1024 && !response.destroyed) {
        if (!response.write(kib)) await new Promise((resolve) => response.once('drain', resolve));
        written++;
      }
      response.end();
    });
    const received: MessageStreamChunk[] = [];
    const stream = streamFrom(url, { maxEventBytes: 64 * 1024 });
    const error = await failureOf(
      (async () => {
        for await (const chunk of stream) received.push(chunk);
      })(),
    );
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({
      code: 'event_too_large',
      partialText: 'Before',
      message: expect.stringContaining('maxEventBytes (65536 bytes)'),
    });
    expect(received).toEqual([content('Before')]);
    expect(requests).toHaveLength(1);
    expect(await connectionEnd(0)).toEqual({ finished: false });
    // The client stopped reading long before the end (socket buffers hold a few MiB at most).
    expect(written).toBeLessThan(16 * 1024);
  });

  it('fails an oversized first event without re-opening: the server would send it again', async () => {
    const { url, requests } = await serve((response) => {
      startEventStream(response);
      response.end(sseBody([content('x'.repeat(2000)), complete('x'.repeat(2000))]));
    });
    const error = await failureOf(streamFrom(url, { maxEventBytes: 1000 }));
    expect(error).toMatchObject({ name: 'StreamError', code: 'event_too_large', partialText: '' });
    expect(requests).toHaveLength(1);
  });

  it('accepts events up to 8 MiB by default, and refuses a larger one', async () => {
    const long = 'é'.repeat(2 * 1024 * 1024); // 4 MiB of UTF-8
    const tooLong = 'x'.repeat(8 * 1024 * 1024);
    const { url } = await serve((response, index) => {
      startEventStream(response);
      const text = index === 0 ? long : tooLong;
      response.end(sseBody([content(text), complete(text)]));
    });
    expect((await streamFrom(url)).message.content).toBe(long);
    expect(await failureOf(streamFrom(url))).toMatchObject({ code: 'event_too_large' });
  });

  it("surfaces the server's `event: error` with its message and code", async () => {
    const { url, requests } = await serve((response) => {
      startEventStream(response);
      response.end(
        `${new TextDecoder().decode(sseBody([content('Par')], { done: false }))}` +
          'event: error\ndata: {"message":"model overloaded","code":"overloaded"}\n\n',
      );
    });
    const onError = vi.fn();
    const error = await failureOf(streamFrom(url, { onError }));
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({
      message: 'The server reported an error mid-stream: model overloaded',
      code: 'overloaded',
      partialText: 'Par',
      details: { message: 'model overloaded', code: 'overloaded' },
    });
    expect(onError).toHaveBeenCalledExactlyOnceWith(error);
    expect(requests).toHaveLength(1);
  });

  it('surfaces an `event: error` whose data is plain text', async () => {
    const { url } = await serve((response) => {
      startEventStream(response);
      response.end('event: error\ndata: upstream went away\n\n');
    });
    expect(await failureOf(streamFrom(url))).toMatchObject({
      name: 'StreamError',
      message: 'The server reported an error mid-stream: upstream went away',
      code: 'stream_error',
      details: 'upstream went away',
    });
  });

  it('applies the redaction it is given to every server text in the error', async () => {
    const secret = 'sk_live_do_not_leak';
    const { url } = await serve((response, index) => {
      const escaped = `\\u0073k_live_do_not_leak`;
      const bodies = [
        `event: error\ndata: {"message":"key ${escaped} revoked","code":"${escaped}"}\n\n`,
        `data: {"type":"error","error":"bad ${escaped}","detail":{"k":"${escaped}"}}\n\n`,
        `data: not json ${secret}\n\n`,
        `data: {"type":"content","content":{"k":"${escaped}"}}\n\n`,
      ];
      startEventStream(response);
      response.end(bodies[index]);
    });
    const redact = <T>(value: T): T =>
      JSON.parse(JSON.stringify(value).replaceAll(secret, '[redacted]')) as T;
    for (let index = 0; index < 4; index++) {
      const error = await failureOf(MessageStream.fromHttp(openFrom(url), {}, redact));
      expect(error).toBeInstanceOf(StreamError);
      const shown = `${String(error)} ${JSON.stringify(error)}`;
      expect(shown, `body ${index}`).not.toContain(secret);
      expect(shown, `body ${index}`).toContain('[redacted]');
    }
  });
});

describe('MessageStream re-opens only while nothing reached the caller', () => {
  it('re-opens a stream cut before its first event', async () => {
    const { url, requests } = await serve((response, index) => {
      startEventStream(response);
      if (index === 0) response.socket?.destroy();
      else response.end(replyBytes);
    });
    expect(await collect(streamFrom(url))).toEqual(replyChunks);
    expect(requests).toHaveLength(2);
  });

  it('re-opens a stream that stalls before its first event', async () => {
    const { url, requests } = await serve((response, index) => {
      startEventStream(response);
      if (index > 0) response.end(replyBytes);
    });
    const result = await streamFrom(url, { idleTimeout: 250 });
    expect(result.message.content).toBe(replyText);
    expect(requests).toHaveLength(2);
    expect(await connectionEnd(0)).toEqual({ finished: false });
  });

  it('gives up after retryAttempts re-opens', async () => {
    const { url, requests } = await serve((response) => {
      startEventStream(response);
      response.socket?.destroy();
    });
    const error = await failureOf(streamFrom(url, { retryAttempts: 2 }));
    expect(error).toBeInstanceOf(StreamError);
    expect(requests).toHaveLength(3);
  });

  it('does not re-open a stream cut after its first chunk', async () => {
    const { url, requests } = await serve(async (response) => {
      startEventStream(response);
      response.write(sseBody([content('Hel')], { done: false }));
      await delay(20);
      response.socket?.destroy();
    });
    const error = await failureOf(streamFrom(url));
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).partialText).toBe('Hel');
    expect(requests).toHaveLength(1);
  });
});

describe('MessageStream cancellation closes the HTTP connection', () => {
  // A server that sends two chunks and then keeps the connection open, as a slow model would.
  const slowReply: Answer = (response) => {
    startEventStream(response);
    response.write(sseBody([content('one'), content(' two')], { done: false }));
  };

  it('break in for await cancels the request', async () => {
    const { url } = await serve(slowReply);
    const onError = vi.fn();
    const stream = streamFrom(url, { onError });
    for await (const chunk of stream) {
      expect(chunk).toEqual(content('one'));
      break;
    }
    expect(await connectionEnd(0)).toEqual({ finished: false });
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(AbortError);
    // Leaving the loop is the caller's own decision, not an error to report.
    expect(onError).not.toHaveBeenCalled();
  });

  it('abort() ends the iteration with AbortError and cancels the request', async () => {
    const { url } = await serve(slowReply);
    const onError = vi.fn();
    const stream = streamFrom(url, { onError });
    const received: MessageStreamChunk[] = [];
    const error = await failureOf(
      (async () => {
        for await (const chunk of stream) {
          received.push(chunk);
          stream.abort();
        }
      })(),
    );
    expect(error).toBeInstanceOf(AbortError);
    // The second chunk came in the same read, yet nothing is delivered after abort().
    expect(received).toEqual([content('one')]);
    expect(onError).toHaveBeenCalledExactlyOnceWith(error);
    expect(await connectionEnd(0)).toEqual({ finished: false });
  });

  it("the caller's AbortSignal cancels an awaited stream", async () => {
    const { url } = await serve(slowReply);
    const controller = new AbortController();
    const stream = streamFrom(url, {
      signal: controller.signal,
      onChunk: () => controller.abort(),
    });
    expect(await failureOf(stream)).toBeInstanceOf(AbortError);
    expect(await connectionEnd(0)).toEqual({ finished: false });
  });

  it('an already aborted signal sends no request at all', async () => {
    const { url, requests } = await serve(slowReply);
    const error = await failureOf(streamFrom(url, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toBeInstanceOf(ChatRoutesError);
    expect(requests).toHaveLength(0);
  });

  it('toReadableStream() errors with the failure of the stream', async () => {
    const { url } = await serve((response) => {
      startEventStream(response);
      response.end(sseBody([content('Par')]));
    });
    const reading = new Response(streamFrom(url).toReadableStream()).text();
    await expect(reading).rejects.toMatchObject({ name: 'StreamError', partialText: 'Par' });
  });

  it('cancelling toReadableStream() cancels the request', async () => {
    const { url } = await serve(slowReply);
    const reader = streamFrom(url).toReadableStream().getReader();
    await reader.read();
    await reader.cancel();
    expect(await connectionEnd(0)).toEqual({ finished: false });
  });
});

describe('MessageStream abort does not wait on a body that ignores its signal', () => {
  /**
   * An event-stream body that gives `first` and then nothing, never looking at any signal
   * (a relayed readable, a custom `fetch`): only a cancel of its reader can end the read.
   */
  function deafBody(first: Uint8Array) {
    const seen = { cancelled: false };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(first);
      },
      cancel() {
        seen.cancelled = true;
      },
    });
    return { body, seen };
  }
  const eventStream = (body: ReadableStream<Uint8Array>) =>
    new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  /** Whether `promise` settles within `ms`, far below the default idleTimeout of 60 s. */
  const settlesWithin = (promise: Promise<unknown>, ms: number) =>
    Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      delay(ms).then(() => false),
    ]);

  /** Reads the first chunk, then leaves a read pending on the silent body. */
  async function pendingAfterFirstChunk(stream: MessageStream) {
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual(content('one'));
    const pending = iterator.next();
    pending.catch(() => {});
    await delay(20);
    // Wrapped: an async function would wait for the read it returned.
    return { read: pending };
  }

  it('abort() ends a pending read at once and cancels the body of an opener', async () => {
    const { body, seen } = deafBody(sseBody([content('one')], { done: false }));
    const stream = MessageStream.fromHttp(async () => eventStream(body));
    const { read } = await pendingAfterFirstChunk(stream);
    stream.abort();
    expect(await settlesWithin(read, 1000)).toBe(true);
    await expect(read).rejects.toMatchObject({ name: 'AbortError', partialText: 'one' });
    expect(seen.cancelled).toBe(true);
  });

  it("the caller's signal ends a pending read of a relayed readable at once", async () => {
    const line = new TextEncoder().encode(`${JSON.stringify(content('one'))}\n`);
    const { body, seen } = deafBody(line);
    const controller = new AbortController();
    const stream = MessageStream.fromReadableStream(body, { signal: controller.signal });
    const { read } = await pendingAfterFirstChunk(stream);
    controller.abort();
    expect(await settlesWithin(read, 1000)).toBe(true);
    await expect(read).rejects.toBeInstanceOf(AbortError);
    expect(seen.cancelled).toBe(true);
  });

  it('abort() ends the wait for an opener that never answers', async () => {
    const stream = MessageStream.fromHttp(() => new Promise<Response>(() => {}));
    const finished = stream.finalMessage();
    await delay(20);
    stream.abort();
    expect(await settlesWithin(finished, 1000)).toBe(true);
    await expect(finished).rejects.toBeInstanceOf(AbortError);
  });
});

describe('MessageStream response and requestId', () => {
  it('are undefined until the headers arrive, then those of the response being read', async () => {
    const { url } = await serve((response, index) => {
      response.writeHead(200, {
        'content-type': 'text/event-stream',
        'x-request-id': `req_${index}`,
      });
      // The first response is cut before its first event: the stream re-opens.
      if (index === 0) response.socket?.destroy();
      else response.end(replyBytes);
    });
    const seen: Array<string | undefined> = [];
    const stream = streamFrom(url, { onChunk: () => seen.push(stream.requestId) });
    expect(stream.response).toBeUndefined();
    expect(stream.requestId).toBeUndefined();
    await stream;
    expect(seen).toEqual(replyChunks.map(() => 'req_1'));
    expect(stream.requestId).toBe('req_1');
    expect(stream.response?.status).toBe(200);
    expect(stream.response?.headers.get('content-type')).toBe('text/event-stream');
  });

  it('redacts the request id with the redaction it is given', async () => {
    const { url } = await serve((response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'sk_1' });
      response.end(replyBytes);
    });
    const redact = <T>(value: T): T =>
      (typeof value === 'string' ? value.replaceAll('sk_1', '[redacted]') : value) as T;
    const stream = MessageStream.fromHttp(openFrom(url), {}, redact);
    await stream;
    expect(stream.requestId).toBe('[redacted]');
  });
});

describe('MessageStream partialText', () => {
  it('is on the AbortError of abort(), of the caller signal, and of an early break', async () => {
    const slow: Answer = (response) => {
      startEventStream(response);
      response.write(sseBody([content('one'), content(' two')], { done: false }));
    };
    await serve(slow);
    const url = server?.url as string;
    const aborted = streamFrom(url, { onChunk: (chunk) => chunk.type && aborted.abort() });
    expect(await failureOf(aborted)).toMatchObject({ name: 'AbortError', partialText: 'one' });

    const controller = new AbortController();
    const signalled = streamFrom(url, {
      signal: controller.signal,
      onChunk: () => controller.abort(),
    });
    expect(await failureOf(signalled)).toMatchObject({ name: 'AbortError', partialText: 'one' });

    const left = streamFrom(url);
    for await (const chunk of left) if (chunk.type === 'content' && chunk.content === ' two') break;
    expect(await failureOf(left.finalMessage())).toMatchObject({ partialText: 'one two' });
  });

  it('keeps a long reply exactly, emoji split across deltas included', async () => {
    // 3000 deltas: several blocks of encoded text, and a surrogate pair cut between two deltas
    // (sent as JSON escapes, which is how a lone surrogate can travel).
    const deltas = Array.from({ length: 3000 }, (_, index) => `${index % 10}é日`);
    deltas.splice(1500, 0, '\\ud83c', '\\udf89');
    const events = deltas.map((delta) => `data: {"type":"content","content":"${delta}"}\n\n`);
    const { url } = await serve((response) => {
      startEventStream(response);
      response.end(events.join(''));
    });
    const error = await failureOf(streamFrom(url));
    expect(error).toBeInstanceOf(StreamError);
    const expected = deltas.map((delta) => JSON.parse(`"${delta}"`)).join('');
    expect(expected).toContain('🎉');
    expect((error as StreamError).partialText).toBe(expected);
  });
});

describe('MessageStream options', () => {
  it('rejects invalid options before any request, naming the option', () => {
    const open = vi.fn();
    expect(() => MessageStream.fromHttp(open, { idleTimeout: 0 })).toThrow(/idleTimeout/);
    expect(() => MessageStream.fromHttp(open, { retryAttempts: -1 })).toThrow(/retryAttempts/);
    expect(() => MessageStream.fromHttp(open, { retryDelay: Number.NaN })).toThrow(/retryDelay/);
    expect(() => MessageStream.fromHttp(open, { maxEventBytes: 0 })).toThrow(/maxEventBytes/);
    expect(open).not.toHaveBeenCalled();
  });
});
