import { afterEach, describe, expect, it, vi } from 'vitest';
import { AbortError, ChatRoutesError, StreamError } from '../../src/core/errors.js';
import {
  MessageStream,
  type MessageStreamChunk,
  type MessageStreamOptions,
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
} from '../support/sse-server.js';

// `toReadableStream()` → bytes → `MessageStream.fromReadableStream()`, and `tee()`: the relay of a
// stream from a server route to a browser, and two readers of one stream.

const progress = { type: 'progress', step: 1 };
const reply = ['Olá', ', mundo ', '🌍', '!'];
const replyText = reply.join('');
const replyChunks = [...reply.map(content), progress, complete(replyText)];
const expectedChunks = [
  ...reply.map(content),
  { type: 'unknown', data: progress },
  complete(replyText),
];
const encoder = new TextEncoder();

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function upstream(answer: Answer = fullReply): Promise<LoopbackServer> {
  server = await startLoopbackServer(answer);
  return server;
}

const fullReply: Answer = (response) => {
  startEventStream(response);
  response.end(sseBody(replyChunks));
};

function streamFrom(url: string, options: MessageStreamOptions = {}): MessageStream {
  return MessageStream.fromHttp(
    (signal) =>
      fetch(`${url}/stream`, {
        method: 'POST',
        headers: { accept: 'text/event-stream' },
        signal,
      }),
    { retryDelay: 1, ...options },
  );
}

/** A readable that hands out `bytes` cut at `offsets`, then closes (or errors with `failure`). */
function readableOf(bytes: Uint8Array, offsets: number[] = [], failure?: unknown) {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    pieces.push(bytes.slice(start, offset));
    start = offset;
  }
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces.shift();
      if (piece) controller.enqueue(piece);
      else if (failure === undefined) controller.close();
      else controller.error(failure);
    },
  });
}

async function collect(stream: AsyncIterable<MessageStreamChunk>): Promise<MessageStreamChunk[]> {
  const chunks: MessageStreamChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

async function failureOf(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the stream to fail');
}

async function relayedBytes(url: string): Promise<Uint8Array> {
  return new Uint8Array(await new Response(streamFrom(url).toReadableStream()).arrayBuffer());
}

describe('MessageStream.fromReadableStream()', () => {
  it('reads back what toReadableStream() wrote: the same chunks, unknown ones included', async () => {
    const { url } = await upstream();
    const relayed = MessageStream.fromReadableStream(streamFrom(url).toReadableStream());
    expect(await collect(relayed)).toEqual(expectedChunks);
    expect((await relayed.finalMessage()).message).toEqual(assistantMessage(replyText));
  });

  it('runs the callbacks and resolves {message, usage, model} when awaited', async () => {
    const { url } = await upstream();
    const onChunk = vi.fn();
    const onComplete = vi.fn();
    const result = await MessageStream.fromReadableStream(streamFrom(url).toReadableStream(), {
      onChunk,
      onComplete,
    });
    expect(result).toEqual({
      message: assistantMessage(replyText),
      usage: { promptTokens: 12, completionTokens: 5, totalTokens: 17 },
      model: 'gpt-5-2025-08-07',
    });
    expect(onChunk.mock.calls.map(([chunk]) => chunk)).toEqual(expectedChunks);
    expect(onComplete).toHaveBeenCalledExactlyOnceWith(assistantMessage(replyText));
  });

  it('gives the same text through textStream whatever byte offset splits the bytes', async () => {
    const { url } = await upstream();
    const bytes = await relayedBytes(url);
    for (let offset = 0; offset <= bytes.length; offset++) {
      const texts: string[] = [];
      const relayed = MessageStream.fromReadableStream(readableOf(bytes, [offset]));
      for await (const text of relayed.textStream) texts.push(text);
      expect(texts, `split at byte ${offset}`).toEqual(reply);
    }
  });

  it('reads CRLF line ends and skips blank lines', async () => {
    const lines = [content('a'), complete('a')].map((chunk) => JSON.stringify(chunk));
    const bytes = encoder.encode(`\r\n${lines.join('\r\n\r\n')}\r\n`);
    const relayed = MessageStream.fromReadableStream(readableOf(bytes, [1, 2, 5]));
    expect(await collect(relayed)).toEqual([content('a'), complete('a')]);
  });

  it('fails with StreamError and the partial text when the bytes end before complete', async () => {
    const { url } = await upstream();
    const bytes = await relayedBytes(url);
    const cut = bytes.lastIndexOf(encoder.encode('\n')[0] as number, bytes.length - 2) + 1;
    const onError = vi.fn();
    const relayed = MessageStream.fromReadableStream(readableOf(bytes.slice(0, cut)), { onError });
    const error = await failureOf(relayed);
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ partialText: replyText });
    expect(onError).toHaveBeenCalledExactlyOnceWith(error);
  });

  it('fails with StreamError when the readable errors (a relay whose connection dropped)', async () => {
    const dropped = new TypeError('network error');
    const bytes = encoder.encode(`${JSON.stringify(content('Half'))}\n`);
    const error = await failureOf(MessageStream.fromReadableStream(readableOf(bytes, [], dropped)));
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ partialText: 'Half', cause: dropped });
  });

  it('passes on, as it is, the error a MessageStream put into its readable', async () => {
    const original = new StreamError('upstream failed', { partialText: 'x', code: 'overloaded' });
    const error = await failureOf(
      MessageStream.fromReadableStream(readableOf(new Uint8Array(), [], original)),
    );
    expect(error).toBe(original);
  });

  it('fails with StreamError on a line that is not JSON, or a chunk unlike the API', async () => {
    for (const line of ['{"type":"content",', '{"type":"content","content":7}', '[1]']) {
      const relayed = MessageStream.fromReadableStream(readableOf(encoder.encode(`${line}\n`)));
      expect(await failureOf(relayed), line).toBeInstanceOf(StreamError);
    }
    const wrappedBadly = encoder.encode('{"type":"unknown","data":"not a chunk"}\n');
    const error = await failureOf(MessageStream.fromReadableStream(readableOf(wrappedBadly)));
    expect(error).toMatchObject({ name: 'StreamError', details: { type: 'unknown' } });
  });

  it('bounds one line by maxEventBytes', async () => {
    const line = encoder.encode(`${JSON.stringify(content('x'.repeat(5000)))}\n`);
    const pieces = Array.from({ length: 50 }, (_, index) => index * 100);
    const relayed = MessageStream.fromReadableStream(readableOf(line, pieces), {
      maxEventBytes: 1000,
    });
    expect(await failureOf(relayed)).toMatchObject({ code: 'event_too_large' });
  });

  it('refuses what is not a ReadableStream, at once', () => {
    for (const value of [null, undefined, 'bytes', {}]) {
      expect(() =>
        MessageStream.fromReadableStream(value as unknown as ReadableStream<Uint8Array>),
      ).toThrow(/readable must be a ReadableStream/);
    }
  });

  it('fails with StreamError when the readable yields strings instead of bytes', async () => {
    const strings = new ReadableStream<string>({
      start(controller) {
        controller.enqueue(`${JSON.stringify(content('a'))}\n`);
        controller.close();
      },
    });
    const relayed = MessageStream.fromReadableStream(
      strings as unknown as ReadableStream<Uint8Array>,
    );
    expect(await failureOf(relayed)).toMatchObject({
      name: 'StreamError',
      message: expect.stringMatching(/other than bytes/),
    });
  });

  it('has no response of its own', async () => {
    const { url } = await upstream();
    const relayed = MessageStream.fromReadableStream(streamFrom(url).toReadableStream());
    await relayed;
    expect(relayed.response).toBeUndefined();
    expect(relayed.requestId).toBeUndefined();
  });

  it('abort() cancels the readable, and with it the upstream request', async () => {
    const { url, requests } = await upstream((response) => {
      startEventStream(response);
      response.write(sseBody([content('one')], { done: false }));
    });
    const relayed = MessageStream.fromReadableStream(streamFrom(url).toReadableStream());
    const received: MessageStreamChunk[] = [];
    const error = await failureOf(
      (async () => {
        for await (const chunk of relayed) {
          received.push(chunk);
          relayed.abort();
        }
      })(),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ partialText: 'one' });
    expect(received).toEqual([content('one')]);
    expect(await requests[0]?.closed).toEqual({ finished: false });
  });
});

describe('MessageStream#tee()', () => {
  it('gives two readers every chunk, each at its own pace', async () => {
    const { url, requests } = await upstream();
    const onChunk = vi.fn();
    const [left, right] = streamFrom(url, { onChunk }).tee();
    // One reader finishes before the other starts: the other's chunks wait for it.
    expect(await collect(left)).toEqual(expectedChunks);
    const texts: string[] = [];
    for await (const text of right.textStream) texts.push(text);
    expect(texts).toEqual(reply);
    expect((await left.finalMessage()).message.content).toBe(replyText);
    expect((await right).message.content).toBe(replyText);
    // One request, and the original's callbacks ran once per chunk.
    expect(requests).toHaveLength(1);
    expect(onChunk).toHaveBeenCalledTimes(expectedChunks.length);
  });

  it('keeps reading for one branch when the other is cancelled', async () => {
    const { url } = await upstream();
    const [left, right] = streamFrom(url).tee();
    for await (const _ of left) break;
    await expect(left.finalMessage()).rejects.toBeInstanceOf(AbortError);
    expect(await collect(right)).toEqual(expectedChunks);
  });

  it('cancels the request once both branches are cancelled', async () => {
    const { url, requests } = await upstream((response) => {
      startEventStream(response);
      response.write(sseBody([content('one')], { done: false }));
    });
    const [left, right] = streamFrom(url).tee();
    for await (const _ of left) break;
    for await (const _ of right) break;
    expect(await requests[0]?.closed).toEqual({ finished: false });
  });

  it('fails both branches with the error of the stream', async () => {
    const { url } = await upstream((response) => {
      startEventStream(response);
      response.end(sseBody([content('Par')]));
    });
    const [left, right] = streamFrom(url).tee();
    const leftError = await failureOf(left);
    const rightError = await failureOf(right);
    expect(leftError).toBeInstanceOf(StreamError);
    expect(leftError).toMatchObject({ partialText: 'Par' });
    expect(rightError).toBe(leftError);
    expect(leftError).toBeInstanceOf(ChatRoutesError);
  });

  it('gives both branches the response of the stream', async () => {
    const { url } = await upstream((response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req_tee' });
      response.end(sseBody(replyChunks));
    });
    const stream = streamFrom(url);
    const [left, right] = stream.tee();
    await Promise.all([left, right]);
    expect(left.requestId).toBe('req_tee');
    expect(right.response).toBe(stream.response);
    expect(right.response?.status).toBe(200);
  });

  it('consumes the stream: it cannot be read again', async () => {
    const { url } = await upstream();
    const stream = streamFrom(url);
    const branches = stream.tee();
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/already being consumed/);
    await Promise.all(branches);
  });
});
