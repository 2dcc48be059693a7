import type { CompleteChunk, Message } from '@chatroutes/fetch/contract';
import {
  DEFAULT_IDLE_TIMEOUT,
  DEFAULT_MAX_EVENT_BYTES,
  DEFAULT_RETRY_ATTEMPTS,
  DEFAULT_RETRY_DELAY,
} from '../core/defaults.js';
import {
  AbortError,
  ChatRoutesError,
  type ChatRoutesErrorInit,
  NetworkError,
  StreamError,
  TimeoutError,
} from '../core/errors.js';
import type { Redact } from '../core/redact.js';
import { requestIdOf } from '../core/request-id.js';
import { retryDelayMs } from '../core/retry-policy.js';
import { sleep } from '../core/sleep.js';
import { checkEventStreamResponse } from '../core/stream-response.js';
import { untilAborted } from '../core/until-aborted.js';
import {
  numberSettings,
  requireCount,
  requireNonNegative,
  requirePositive,
  requirePositiveInteger,
} from '../core/validate.js';
import {
  ChunkFault,
  chunkFromJson,
  chunkFromJsonLine,
  type MessageStreamChunk,
  type StreamResult,
} from './chunks.js';
import { ReplyText } from './reply-text.js';
import { type Framing, StreamAttempt } from './stream-attempt.js';

export type { MessageStreamChunk, StreamResult, UnknownChunk } from './chunks.js';

/**
 * Opens one attempt of the stream request and resolves its response once the headers are in.
 *
 * The contract with the request pipeline (which provides this function to `messages.stream`):
 * - it sends the POST with `Accept: text/event-stream` and the call's `Idempotency-Key`,
 *   created once per `messages.stream()` call, so every re-open carries the same key;
 * - it bounds the wait for headers with `timeout`, retries what fails before the headers
 *   (no connection, 408/409/429/5xx, `Retry-After`), and throws the typed errors for a
 *   non-2xx answer; a non-2xx `Response` that still reaches us is mapped, never retried here;
 * - it hands `signal` to `fetch`: aborting it must cancel the request and its body.
 * `MessageStream` owns everything after the headers: reading, idle timeout, and re-opening a
 * stream that failed before any chunk reached the caller.
 */
export type OpenStreamResponse = (signal: AbortSignal) => Promise<Response>;

/** Callbacks and limits of a stream, given to `messages.stream()` with the request options. */
export interface MessageStreamOptions {
  /** Called with every chunk, in order, whichever way the stream is consumed. */
  onChunk?: ((chunk: MessageStreamChunk) => void) | undefined;
  /** Called once with the saved assistant message when the `complete` chunk arrives. */
  onComplete?: ((message: Message) => void) | undefined;
  /** Called once with the error that ended the stream (the stream also rejects with it). */
  onError?: ((error: ChatRoutesError) => void) | undefined;
  /** Aborting it ends the stream with an `AbortError` and cancels the HTTP request. */
  signal?: AbortSignal | undefined;
  /**
   * Longest silence between two events or keep-alive comments once the stream has started,
   * in ms (default 60 000). Unlike `timeout`, which bounds the wait for the response headers,
   * it never limits how long a reply may take, only how long the server may say nothing.
   */
  idleTimeout?: number | undefined;
  /** Re-opens allowed while no chunk has reached the caller (default 3). */
  retryAttempts?: number | undefined;
  /** First delay before a re-open, in ms, doubled each time (default 1000). */
  retryDelay?: number | undefined;
  /**
   * The most bytes one server-sent event may take (default 8 MiB, far above any reply: the
   * `complete` chunk, the largest, carries the whole reply once). A larger event ends the
   * stream with a `StreamError` (`code: 'event_too_large'`) and closes the connection, so a
   * server that never ends a line cannot grow the client's memory without limit.
   */
  maxEventBytes?: number | undefined;
}

/**
 * Options of {@link MessageStream.fromReadableStream}: those of a stream, less re-opening (a
 * readable stream can be read only once). `maxEventBytes` bounds one line.
 */
export type RelayedStreamOptions = Omit<MessageStreamOptions, 'retryAttempts' | 'retryDelay'>;

/** A stream's numeric options, with their checks and defaults. */
const limitChecks = {
  idleTimeout: requirePositive,
  retryAttempts: requireCount,
  retryDelay: requireNonNegative,
  maxEventBytes: requirePositiveInteger,
};
const defaultLimits = {
  idleTimeout: DEFAULT_IDLE_TIMEOUT,
  retryAttempts: DEFAULT_RETRY_ATTEMPTS,
  retryDelay: DEFAULT_RETRY_DELAY,
  maxEventBytes: DEFAULT_MAX_EVENT_BYTES,
};
type Limits = typeof defaultLimits;

const encoder = new TextEncoder();
const noRedaction: Redact = (value) => value;

/** Where the bytes of one attempt come from, and how they are framed. */
interface Body {
  body: ReadableStream<Uint8Array>;
  framing: Framing;
}

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
  #openBody: (signal: AbortSignal) => Promise<Body>;
  // The callbacks (`onChunk`, `onComplete`, `onError`) are read from here when they are due.
  readonly #options: MessageStreamOptions;
  readonly #limits: Limits;
  readonly #redact: Redact;

  // Aborted by `abort()` or the caller's signal; every attempt follows it.
  readonly #controller = new AbortController();
  readonly #callerSignal: AbortSignal | undefined;
  readonly #forwardCallerAbort = () =>
    this.#controller.abort(
      this.#error(
        'Request aborted by the caller',
        { cause: this.#callerSignal?.reason },
        AbortError,
      ),
    );

  readonly #result: Promise<StreamResult>;
  #resolveResult!: (result: StreamResult) => void;
  #rejectResult!: (error: unknown) => void;
  #settled = false;
  #consumptionStarted = false;
  // Once a chunk has reached the caller, a failure can no longer be hidden by a re-open.
  #delivered = false;
  // The reply text so far: all a failed stream must report, and all the memory it keeps.
  readonly #text = new ReplyText();
  #response: Response | undefined;
  // The stream whose response this one reports: itself, or for a branch of `tee()` the stream
  // it came from.
  #source: MessageStream = this;

  // The events of the last read, decoded and delivered one by one without waiting on anything
  // (decoded only then, so a read's chunks do not outlive their turn), and the fault that
  // comes after them when the read ended in one.
  #items: string[] = [];
  #itemIndex = 0;
  #fault: ChunkFault | undefined;
  #decode: (text: string) => MessageStreamChunk | ChunkFault = chunkFromJson;
  // `abort()` or the caller's signal fired: read on every chunk, so kept as a plain field.
  #aborted = false;
  #attempt: StreamAttempt | undefined;
  #attempts = 0;
  // Nothing more will be delivered: the reply completed, failed, or was closed.
  #finished = false;
  #pendingRead: Promise<IteratorResult<MessageStreamChunk>> | undefined;

  /**
   * @param open - opens one attempt of the request (called again for each re-open).
   * @param options - callbacks and limits.
   * @param redact - applied to everything the server sent (parsed JSON, headers) before it
   *   reaches an error's message, `code`, `details` or `requestId`; the client passes the one
   *   that removes its API key.
   */
  constructor(
    open: OpenStreamResponse,
    options: MessageStreamOptions = {},
    redact: Redact = noRedaction,
  ) {
    this.#openBody = (signal) => this.#openEventStream(open, signal);
    this.#redact = redact;
    this.#options = options;
    this.#limits = numberSettings(limitChecks, options, defaultLimits);

    this.#result = new Promise<StreamResult>((resolve, reject) => {
      this.#resolveResult = resolve;
      this.#rejectResult = reject;
    });
    // A stream nobody awaits must not crash the process with an unhandled rejection.
    this.#result.catch(() => {});

    this.#controller.signal.addEventListener(
      'abort',
      () => {
        this.#aborted = true;
        // Stop the attempt now, whatever it waits for: a body that ignores its signal (a
        // relayed readable, a custom `fetch`) would otherwise hold the pending read, and its
        // idle timer the process, until `idleTimeout`.
        this.#attempt?.stop(this.#controller.signal.reason);
      },
      { once: true },
    );
    this.#callerSignal = options.signal;
    if (this.#callerSignal?.aborted) this.#forwardCallerAbort();
    else this.#callerSignal?.addEventListener('abort', this.#forwardCallerAbort, { once: true });
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
    // A readable is read once: no re-open, and its one "attempt" is the readable itself, in
    // place of the HTTP opener the constructor sets up (so there is none to give it).
    const stream = new MessageStream(undefined as never, { ...options, retryAttempts: 0 });
    stream.#openBody = async () => ({ body: readable, framing: 'ndjson' });
    return stream;
  }

  /**
   * The HTTP response being read, once its headers arrived: `undefined` before (the request
   * starts when consumption starts, so read it in `onChunk`, in the loop, or after the stream),
   * and for a stream made by `fromReadableStream`. After a re-open it is the new response. Its
   * body belongs to the stream: read its status and headers only.
   */
  get response(): Response | undefined {
    return this.#source.#response;
  }

  /** The `x-request-id` of {@link MessageStream.response}, to quote when contacting support. */
  get requestId(): string | undefined {
    const { response } = this;
    return response && requestIdOf(response.headers, this.#source.#redact);
  }

  /** Ends the stream with an `AbortError` and cancels the HTTP request. */
  abort(): void {
    this.#controller.abort(this.#error('The stream was aborted', {}, AbortError));
  }

  /** The chunks in order; leaving the loop early cancels the HTTP request. */
  [Symbol.asyncIterator](): AsyncIterator<MessageStreamChunk> {
    this.#startConsumption();
    return {
      next: () => this.#next(),
      return: () => this.#close(),
    };
  }

  /** The reply text, delta by delta. */
  get textStream(): AsyncIterable<string> {
    this.#startConsumption();
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
    if (!this.#consumptionStarted) {
      this.#startConsumption();
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
    this.#startConsumption();
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
    return [this.#branch(left), this.#branch(right)];
  }

  #branch(readable: ReadableStream<Uint8Array>): MessageStream {
    const branch = MessageStream.fromReadableStream(readable);
    branch.#source = this;
    return branch;
  }

  #startConsumption(): void {
    if (this.#consumptionStarted) {
      throw new Error('This MessageStream is already being consumed');
    }
    this.#consumptionStarted = true;
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
    if (this.#finished) return Promise.resolve({ value: undefined, done: true });
    if (this.#itemIndex < this.#items.length || this.#fault) {
      try {
        return Promise.resolve(this.#deliver());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const read = this.#readOn();
    this.#pendingRead = read;
    const clear = () => {
      this.#pendingRead = undefined;
    };
    read.then(clear, clear);
    return read;
  }

  /**
   * Reads on until a read brings a chunk (or a fault), opening or re-opening the request when
   * needed; the read is awaited here, in one async frame, as it happens once per network read.
   */
  async #readOn(): Promise<IteratorResult<MessageStreamChunk>> {
    const stream = this.#controller.signal;
    try {
      while (this.#itemIndex >= this.#items.length && !this.#fault) {
        this.#items.length = 0;
        this.#itemIndex = 0;
        if (this.#aborted) throw stream.reason;
        try {
          this.#attempt ??= await this.#openAttempt();
          const attempt = this.#attempt;
          let read: ReadableStreamReadResult<Uint8Array>;
          try {
            read = await attempt.read();
          } catch (cause) {
            throw this.#readFailure(attempt, cause);
          }
          this.#take(attempt, read);
        } catch (error) {
          this.#release();
          const retry =
            !this.#delivered &&
            this.#attempts <= this.#limits.retryAttempts &&
            !stream.aborted &&
            isRetryable(error);
          if (!retry) throw error;
          await sleep(
            retryDelayMs(this.#attempts - 1, this.#limits.retryDelay, undefined) ?? 0,
            stream,
          );
        }
      }
    } catch (error) {
      throw this.#end(error);
    }
    return this.#deliver();
  }

  /** Hands the next parsed chunk to the caller (or fails with the fault in its place). */
  #deliver(): IteratorResult<MessageStreamChunk> {
    try {
      // `abort()` may have been called while the consumer held the previous chunk.
      if (this.#aborted) throw this.#controller.signal.reason;
      if (this.#itemIndex === this.#items.length) throw this.#faultError(this.#fault as ChunkFault);
      const item = this.#decode(this.#items[this.#itemIndex++] as string);
      if (item instanceof ChunkFault) throw this.#faultError(item);
      this.#delivered = true;
      if (item.type === 'content') this.#text.append(item.content);
      this.#options.onChunk?.(item);
      if (item.type === 'complete') this.#succeed(item);
      return { value: item, done: false };
    } catch (error) {
      throw this.#end(error);
    }
  }

  async #openAttempt(): Promise<StreamAttempt> {
    const stream = this.#controller.signal;
    this.#attempts++;
    const controller = new AbortController();
    const followStream = () => controller.abort(stream.reason);
    stream.addEventListener('abort', followStream, { once: true });
    const unfollow = () => stream.removeEventListener('abort', followStream);
    let opened: Body;
    try {
      // Raced with the signal: an opener may ignore it.
      opened = await untilAborted(this.#openBody(controller.signal), controller.signal);
    } catch (error) {
      unfollow();
      controller.abort();
      throw stream.aborted ? stream.reason : error;
    }
    this.#decode = opened.framing === 'sse' ? chunkFromJson : chunkFromJsonLine;
    const idleError = () =>
      retryable(
        this.#error(
          `No stream event within idleTimeout (${this.#limits.idleTimeout} ms)`,
          { code: 'idle_timeout' },
          TimeoutError,
        ),
      );
    const limits = { ...this.#limits, idleError };
    const sink = {
      event: (text: string) => {
        this.#items.push(text);
      },
      fault: (fault: ChunkFault) => {
        this.#fault = fault;
      },
    };
    return new StreamAttempt(controller, opened.body, opened.framing, limits, sink, unfollow);
  }

  /** Opens one attempt of an HTTP stream: the response must be a `text/event-stream`. */
  async #openEventStream(open: OpenStreamResponse, signal: AbortSignal): Promise<Body> {
    let response: Response;
    try {
      response = await open(signal);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (error instanceof ChatRoutesError) throw error;
      throw retryable(new NetworkError('The stream request failed', { cause: error }));
    }
    await checkEventStreamResponse(response, this.#redact);
    if (response.body === null) {
      throw retryable(new StreamError('The stream response has no body'));
    }
    this.#response = response;
    return { body: response.body, framing: 'sse' };
  }

  /** What a failed read means: the attempt's abort, the error a relayed stream carried, a cut. */
  #readFailure(attempt: StreamAttempt, cause: unknown): unknown {
    if (attempt.signal.aborted) return attempt.signal.reason;
    // What a MessageStream put into its readable (`tee()`) is already the right error.
    if (cause instanceof ChatRoutesError) return cause;
    return retryable(this.#error('The connection closed before the reply completed', { cause }));
  }

  /** Parses one read of the body into `#items` (and `#fault`). */
  #take(attempt: StreamAttempt, read: ReadableStreamReadResult<Uint8Array>): void {
    if (attempt.signal.aborted) throw attempt.signal.reason;
    if (read.done) throw retryable(this.#error('The stream ended before its complete chunk'));
    if (!ArrayBuffer.isView(read.value)) {
      throw this.#error('The stream produced something other than bytes');
    }
    attempt.take(read.value);
    // The stream is failing after these events: free the connection now.
    if (attempt.over) this.#release();
  }

  /** A `StreamError` (or `type`) carrying the reply text received so far. */
  #error<E extends ChatRoutesError = StreamError>(
    message: string,
    init: ChatRoutesErrorInit = {},
    type: new (message: string, init: ChatRoutesErrorInit) => E = StreamError as never,
  ): E {
    return new type(message, { ...init, partialText: this.#text.toString() });
  }

  /** The error for a fault, with whatever the server sent in it redacted. */
  #faultError(fault: ChunkFault): StreamError {
    const redact = this.#redact;
    // Only what the server sent: a caller's redaction need not take `undefined`.
    return this.#error(redact(fault.message), {
      ...(fault.details !== undefined && { details: redact(fault.details) }),
      ...(fault.code !== undefined && { code: redact(fault.code) }),
    });
  }

  #succeed(chunk: CompleteChunk): void {
    this.#settled = true;
    this.#finish();
    this.#resolveResult({ message: chunk.message, usage: chunk.usage, model: chunk.model });
    this.#options.onComplete?.(chunk.message);
  }

  /** Ends the stream with `error` (reported to `onError` unless the caller chose to stop). */
  #end(error: unknown, report = true): unknown {
    this.#finish();
    if (this.#settled) return error;
    this.#settled = true;
    this.#rejectResult(error);
    if (report && error instanceof ChatRoutesError) this.#options.onError?.(error);
    return error;
  }

  /** The consumer stopped early (`break`, `return`, a cancelled readable). */
  async #close(): Promise<IteratorReturnResult<undefined>> {
    if (this.#settled) this.#finish();
    else {
      this.#end(
        this.#error('The stream was closed before the reply completed', {}, AbortError),
        false,
      );
    }
    return { value: undefined, done: true };
  }

  #finish(): void {
    this.#finished = true;
    this.#release();
    this.#callerSignal?.removeEventListener('abort', this.#forwardCallerAbort);
  }

  /** Whether the reply completed, failed or was abandoned, release the connection now. */
  #release(): void {
    this.#attempt?.stop(new AbortError('The stream was closed'));
    this.#attempt = undefined;
  }
}

// Failures a re-open can cure (a dropped connection, a stall), as opposed to the server's own
// answer (a malformed event, an error chunk, a non-2xx status), which a re-open would repeat.
const retryableFailures = new WeakSet<object>();

function retryable<T extends object>(error: T): T {
  retryableFailures.add(error);
  return error;
}

function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && retryableFailures.has(error);
}
