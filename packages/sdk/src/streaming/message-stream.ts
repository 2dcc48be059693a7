import type { CompleteChunk } from '@chatroutes/fetch/contract';
import { AbortError, ChatRoutesError } from '../core/errors.js';
import type { OpenStreamResponse } from '../core/stream-response.js';
import type { Redact } from '../internal/redact.js';
import { requestIdOf } from '../internal/request-id.js';
import { ChunkReader, type OpenBody, openEventStream } from './chunk-reader.js';
import type { MessageStreamChunk, StreamResult } from './chunks.js';
import {
  type MessageStreamOptions,
  type RelayedStreamOptions,
  resolveStreamLimits,
} from './stream-options.js';

export type { OpenStreamResponse } from '../core/stream-response.js';
export type { MessageStreamChunk, StreamResult, UnknownChunk } from './chunks.js';
export type { MessageStreamOptions, RelayedStreamOptions } from './stream-options.js';

const encoder = new TextEncoder();
const noRedaction: Redact = (value) => value;

/**
 * Where a stream is: not yet consumed, being read, or ended (completed, failed or closed:
 * nothing more will be delivered, and the result is settled).
 */
type Phase = 'unread' | 'reading' | 'ended';

/**
 * A streamed assistant reply. Consume it once, in any of these ways:
 * `for await (const chunk of stream)`, `for await (const text of stream.textStream)`,
 * `await stream` / `await stream.finalMessage()` (callbacks only), `stream.toReadableStream()`,
 * or `stream.tee()` for two independent readers.
 * The request starts when consumption starts. Leaving a `for await` early (`break`, `return`,
 * a throw) cancels the HTTP request, as does `abort()`.
 *
 * Every error a stream ends with once its response has arrived carries `partialText`, the
 * reply text received until then.
 */
export class MessageStream implements AsyncIterable<MessageStreamChunk>, PromiseLike<StreamResult> {
  readonly #reader: ChunkReader;
  // The callbacks (`onChunk`, `onComplete`, `onError`) are read from here when they are due.
  readonly #options: MessageStreamOptions;
  readonly #redact: Redact;
  #phase: Phase = 'unread';
  #pendingRead: Promise<IteratorResult<MessageStreamChunk>> | undefined;

  // Aborted by `abort()` or the caller's signal; the reader and every attempt follow it.
  readonly #controller = new AbortController();
  readonly #callerSignal: AbortSignal | undefined;
  readonly #forwardCallerAbort = () =>
    this.#controller.abort(
      this.#reader.error(
        'Request aborted by the caller',
        { cause: this.#callerSignal?.reason },
        AbortError,
      ),
    );

  readonly #result: Promise<StreamResult>;
  #resolveResult!: (result: StreamResult) => void;
  #rejectResult!: (error: unknown) => void;
  // The stream whose response this one reports: itself, or for a branch of `tee()` the stream
  // it came from.
  #source: MessageStream = this;

  private constructor(open: OpenBody, options: MessageStreamOptions, redact: Redact) {
    this.#options = options;
    this.#redact = redact;
    const limits = resolveStreamLimits(options);
    this.#reader = new ChunkReader(open, limits, redact, this.#controller.signal);
    this.#result = new Promise<StreamResult>((resolve, reject) => {
      this.#resolveResult = resolve;
      this.#rejectResult = reject;
    });
    // A stream nobody awaits must not crash the process with an unhandled rejection.
    this.#result.catch(() => {});
    this.#callerSignal = options.signal;
    if (this.#callerSignal?.aborted) this.#forwardCallerAbort();
    else this.#callerSignal?.addEventListener('abort', this.#forwardCallerAbort, { once: true });
  }

  /**
   * A stream over HTTP: `open` sends the stream request, once per attempt (see
   * {@link OpenStreamResponse}); a failure before any chunk reached the caller re-opens it.
   *
   * @param options - callbacks and limits.
   * @param redact - applied to everything the server sent (parsed JSON, headers) before it
   *   reaches an error's message, `code`, `details` or `requestId`; the client passes the one
   *   that removes its API key.
   */
  static fromHttp(
    open: OpenStreamResponse,
    options: MessageStreamOptions = {},
    redact: Redact = noRedaction,
  ): MessageStream {
    return new MessageStream(openEventStream(open, redact), options, redact);
  }

  /**
   * Reads back what {@link MessageStream.toReadableStream} produced — typically on a server
   * route, its body read in the browser with `fetch(...).body` — as a `MessageStream` with the
   * same iterator, `textStream`, callbacks and `finalMessage()`. A readable that ends before
   * the `complete` chunk, or that fails, ends the stream with a `StreamError`; the error a
   * `MessageStream` put into its readable (as in `tee()`) comes out as it went in.
   */
  static fromReadableStream(
    readable: ReadableStream<Uint8Array>,
    options: RelayedStreamOptions = {},
  ): MessageStream {
    if (typeof (readable as { getReader?: unknown } | null)?.getReader !== 'function') {
      throw new TypeError('readable must be a ReadableStream of bytes');
    }
    // A readable is read once: its one attempt is the readable itself, never re-opened.
    const open: OpenBody = async () => ({ body: readable, framing: 'ndjson' });
    return new MessageStream(open, { ...options, retryAttempts: 0 }, noRedaction);
  }

  /**
   * The HTTP response being read, once its headers arrived: `undefined` before (the request
   * starts when consumption starts, so read it in `onChunk`, in the loop, or after the stream),
   * and for a stream made by `fromReadableStream`. After a re-open it is the new response. Its
   * body belongs to the stream: read its status and headers only.
   */
  get response(): Response | undefined {
    return this.#source.#reader.response;
  }

  /** The `x-request-id` of {@link MessageStream.response}, to quote when contacting support. */
  get requestId(): string | undefined {
    const { response } = this;
    return response && requestIdOf(response.headers, this.#source.#redact);
  }

  /** Ends the stream with an `AbortError` and cancels the HTTP request. */
  abort(): void {
    this.#controller.abort(this.#reader.error('The stream was aborted', {}, AbortError));
  }

  /** The chunks in order; leaving the loop early cancels the HTTP request. */
  [Symbol.asyncIterator](): AsyncIterator<MessageStreamChunk> {
    this.#startReading();
    return {
      next: () => this.#next(),
      return: () => this.#close(),
    };
  }

  /** The reply text, delta by delta. */
  get textStream(): AsyncIterable<string> {
    this.#startReading();
    const next = async (): Promise<IteratorResult<string>> => {
      for (;;) {
        const result = await this.#next();
        if (result.done) return result;
        if (result.value.type === 'content') return { value: result.value.content, done: false };
      }
    };
    const iterator: AsyncIterator<string> = { next, return: () => this.#close() };
    return { [Symbol.asyncIterator]: () => iterator };
  }

  /** Resolves once the `complete` chunk has arrived; consumes the stream if nobody else does. */
  finalMessage(): Promise<StreamResult> {
    if (this.#phase === 'unread') {
      this.#startReading();
      void this.#drain();
    }
    return this.#result;
  }

  // biome-ignore lint/suspicious/noThenProperty: awaiting the stream itself is the callback style of the public API.
  then<TResult1 = StreamResult, TResult2 = never>(
    onFulfilled?: ((result: StreamResult) => TResult1 | PromiseLike<TResult1>) | null,
    onRejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    return this.finalMessage().then(onFulfilled, onRejected);
  }

  /**
   * The chunks as newline-delimited JSON bytes, pulled as the reader asks (so a slow client
   * slows the upstream read); cancelling it cancels the HTTP request. A failure of the stream
   * errors the readable with the stream's error. {@link MessageStream.fromReadableStream}
   * reads it back, e.g. in a browser from the body of a server route that returned it.
   */
  toReadableStream(): ReadableStream<Uint8Array> {
    this.#startReading();
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        try {
          const next = await this.#next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
        } catch (error) {
          controller.error(error);
        }
      },
      cancel: async () => {
        await this.#close();
      },
    });
  }

  /**
   * Two streams that each read every chunk of this one, independently (one can feed a client
   * while the other saves the reply); this stream is consumed by them, and its callbacks still
   * run. The chunks one branch has not read yet are buffered for it, so a branch nobody reads
   * keeps the whole reply: cancel it (`break`, `abort()`) if it is not needed. The request is
   * cancelled once both branches are.
   */
  tee(): [MessageStream, MessageStream] {
    const [left, right] = this.toReadableStream().tee();
    return [this.#teeBranch(left), this.#teeBranch(right)];
  }

  #teeBranch(readable: ReadableStream<Uint8Array>): MessageStream {
    const branch = MessageStream.fromReadableStream(readable);
    branch.#source = this;
    return branch;
  }

  #startReading(): void {
    if (this.#phase !== 'unread') {
      throw new Error('This MessageStream is already being consumed');
    }
    this.#phase = 'reading';
  }

  async #drain(): Promise<void> {
    try {
      while (!(await this.#next()).done);
    } catch {
      // Already recorded in `#result`, which is what the caller awaits.
    }
  }

  /** The next chunk: at once when the last read brought one, else after reading on. */
  #next(): Promise<IteratorResult<MessageStreamChunk>> {
    // Reads never overlap: a `next()` called while one is pending waits for it.
    if (this.#pendingRead) {
      const after = () => this.#next();
      return this.#pendingRead.then(after, after);
    }
    if (this.#phase === 'ended') return Promise.resolve({ value: undefined, done: true });
    if (this.#reader.ready) {
      try {
        return Promise.resolve(this.#deliver());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const read = this.#readNext();
    this.#pendingRead = read;
    const clear = () => {
      this.#pendingRead = undefined;
    };
    read.then(clear, clear);
    return read;
  }

  async #readNext(): Promise<IteratorResult<MessageStreamChunk>> {
    try {
      await this.#reader.readUntilReady();
    } catch (error) {
      throw this.#end(error);
    }
    return this.#deliver();
  }

  /** Hands the next chunk to the caller (or fails with what takes its place). */
  #deliver(): IteratorResult<MessageStreamChunk> {
    try {
      const chunk = this.#reader.nextChunk();
      this.#options.onChunk?.(chunk);
      if (chunk.type === 'complete') this.#succeed(chunk);
      return { value: chunk, done: false };
    } catch (error) {
      throw this.#end(error);
    }
  }

  #succeed(chunk: CompleteChunk): void {
    this.#finish();
    this.#resolveResult({ message: chunk.message, usage: chunk.usage, model: chunk.model });
    this.#options.onComplete?.(chunk.message);
  }

  /** Ends the stream with `error` (reported to `onError` unless the caller chose to stop). */
  #end(error: unknown, report = true): unknown {
    if (this.#phase === 'ended') return error;
    this.#finish();
    this.#rejectResult(error);
    if (report && error instanceof ChatRoutesError) this.#options.onError?.(error);
    return error;
  }

  /** The consumer stopped early (`break`, `return`, a cancelled readable). */
  async #close(): Promise<IteratorReturnResult<undefined>> {
    this.#end(
      this.#reader.error('The stream was closed before the reply completed', {}, AbortError),
      false,
    );
    return { value: undefined, done: true };
  }

  /** Nothing more will be delivered: release the connection and the caller's signal. */
  #finish(): void {
    this.#phase = 'ended';
    this.#reader.release();
    this.#callerSignal?.removeEventListener('abort', this.#forwardCallerAbort);
  }
}
