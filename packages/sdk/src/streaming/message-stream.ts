import type { CompleteChunk, ContentChunk, Message, Usage } from '@chatroutes/fetch';
import { abortError } from '../core/attempt.js';
import {
  AbortError,
  ChatRoutesError,
  type ChatRoutesErrorInit,
  errorFromResponse,
  isRecord,
  NetworkError,
  StreamError,
  TimeoutError,
} from '../core/errors.js';
import type { Redact } from '../core/redact.js';
import { requestIdOf } from '../core/request-id.js';
import { retryDelayMs } from '../core/retry-policy.js';
import { sleep } from '../core/sleep.js';
import {
  requireCount,
  requireNonNegative,
  requirePositive,
  requirePositiveInteger,
} from '../core/validate.js';
import { createSseParser, type ServerSentEvent, SseEventTooLargeError } from './sse.js';

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

/** A chunk whose `type` this version of the SDK does not know, passed through untouched. */
export interface UnknownChunk {
  /** Always `unknown`, so that `chunk.type === 'content'` narrows the known chunks. */
  type: 'unknown';
  /** The chunk exactly as the server sent it. */
  data: {
    /** The chunk type the server sent. */
    type: string;
    [key: string]: unknown;
  };
}

/** What a `MessageStream` yields: the chunk types of the spec, and unknown ones as they came. */
export type MessageStreamChunk = ContentChunk | CompleteChunk | UnknownChunk;

/** What a finished stream resolves to: the `complete` chunk's content. */
export interface StreamResult {
  /** The stored assistant message. */
  message: Message;
  /** Its token usage. */
  usage: Usage;
  /** The model that actually answered (resolved from an alias such as `gpt-5`). */
  model: string;
}

/** Callbacks and limits of a stream, given to `messages.stream()` with the request options. */
export interface MessageStreamOptions {
  /** Called with every chunk, in order, whichever way the stream is consumed. */
  onChunk?: (chunk: MessageStreamChunk) => void;
  /** Called once with the saved assistant message when the `complete` chunk arrives. */
  onComplete?: (message: Message) => void;
  /** Called once with the error that ended the stream (the stream also rejects with it). */
  onError?: (error: ChatRoutesError) => void;
  /** Aborting it ends the stream with an `AbortError` and cancels the HTTP request. */
  signal?: AbortSignal;
  /** Longest silence between two events or keep-alive comments, in ms (default 60 000). */
  idleTimeout?: number;
  /** Re-opens allowed while no chunk has reached the caller (default 3). */
  retryAttempts?: number;
  /** First delay before a re-open, in ms, doubled each time (default 1000). */
  retryDelay?: number;
  /**
   * The most bytes one server-sent event may take (default 8 MiB, far above any reply: the
   * `complete` chunk, the largest, carries the whole reply once). A larger event ends the
   * stream with a `StreamError` (`code: 'event_too_large'`) and closes the connection, so a
   * server that never ends a line cannot grow the client's memory without limit.
   */
  maxEventBytes?: number;
}

const DEFAULT_IDLE_TIMEOUT = 60_000;
const DEFAULT_RETRY_ATTEMPTS = 3;
const DEFAULT_RETRY_DELAY = 1000;
const DEFAULT_MAX_EVENT_BYTES = 8 * 1024 * 1024;
const DONE = '[DONE]';
const newline = new TextEncoder().encode('\n');

/**
 * A streamed assistant reply. Consume it once, in any of these ways:
 * `for await (const chunk of stream)`, `for await (const text of stream.textStream)`,
 * `await stream` / `await stream.finalMessage()` (callbacks only), or `stream.toReadableStream()`.
 * The request starts when consumption starts. Leaving a `for await` early (`break`, `return`,
 * a throw) cancels the HTTP request, as does `abort()`.
 */
export class MessageStream implements AsyncIterable<MessageStreamChunk>, PromiseLike<StreamResult> {
  readonly #open: OpenStreamResponse;
  readonly #onChunk: MessageStreamOptions['onChunk'];
  readonly #onComplete: MessageStreamOptions['onComplete'];
  readonly #onError: MessageStreamOptions['onError'];
  readonly #idleTimeout: number;
  readonly #retryAttempts: number;
  readonly #retryDelay: number;
  readonly #maxEventBytes: number;
  readonly #redact: Redact;

  // Aborted by `abort()` or the caller's signal; every attempt follows it.
  readonly #controller = new AbortController();
  readonly #callerSignal: AbortSignal | undefined;
  readonly #forwardCallerAbort = () =>
    this.#controller.abort(abortError(this.#callerSignal as AbortSignal));

  readonly #result: Promise<StreamResult>;
  #resolveResult!: (result: StreamResult) => void;
  #rejectResult!: (error: unknown) => void;
  #settled = false;
  #consumptionStarted = false;
  // Once a chunk has reached the caller, a failure can no longer be hidden by a re-open.
  #delivered = false;
  // The reply text so far: all a failed stream must report, and all the memory it keeps.
  #text = '';
  #deltasSinceFlatten = 0;

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
    redact: Redact = (value) => value,
  ) {
    this.#open = open;
    this.#redact = redact;
    this.#onChunk = options.onChunk;
    this.#onComplete = options.onComplete;
    this.#onError = options.onError;
    this.#idleTimeout = requirePositive('idleTimeout', options.idleTimeout ?? DEFAULT_IDLE_TIMEOUT);
    this.#retryAttempts = requireCount(
      'retryAttempts',
      options.retryAttempts ?? DEFAULT_RETRY_ATTEMPTS,
    );
    this.#retryDelay = requireNonNegative('retryDelay', options.retryDelay ?? DEFAULT_RETRY_DELAY);
    this.#maxEventBytes = requirePositiveInteger(
      'maxEventBytes',
      options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES,
    );

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

  /** Ends the stream with an `AbortError` and cancels the HTTP request. */
  abort(): void {
    this.#controller.abort(new AbortError('The stream was aborted'));
  }

  /** The chunks in order; leaving the loop early cancels the HTTP request. */
  [Symbol.asyncIterator](): AsyncIterator<MessageStreamChunk> {
    return this.#consume();
  }

  /** The reply text, delta by delta. */
  get textStream(): AsyncIterable<string> {
    const chunks = this.#consume();
    return {
      [Symbol.asyncIterator]: () => textDeltas(chunks),
    };
  }

  /** Resolves once the `complete` chunk has arrived; consumes the stream if nobody else does. */
  finalMessage(): Promise<StreamResult> {
    if (!this.#consumptionStarted) void this.#drain();
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
   * slows the upstream read); cancelling it cancels the HTTP request.
   */
  toReadableStream(): ReadableStream<Uint8Array> {
    const chunks = this.#consume();
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) {
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(JSON.stringify(next.value)));
          controller.enqueue(newline);
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
  }

  async #drain(): Promise<void> {
    try {
      for await (const _ of this.#consume());
    } catch {
      // Already recorded in `#result`, which is what the caller awaits.
    }
  }

  #consume(): AsyncGenerator<MessageStreamChunk, void, undefined> {
    if (this.#consumptionStarted) {
      throw new Error('This MessageStream is already being consumed: a stream can be read once');
    }
    this.#consumptionStarted = true;
    return this.#run();
  }

  async *#run(): AsyncGenerator<MessageStreamChunk, void, undefined> {
    const stream = this.#controller.signal;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          yield* this.#readAttempt();
          return;
        } catch (error) {
          const retry =
            !this.#delivered &&
            attempt < this.#retryAttempts &&
            !stream.aborted &&
            isRetryable(error);
          if (!retry) throw error;
          await sleep(retryDelayMs(attempt, this.#retryDelay, undefined) ?? 0, stream);
        }
      }
    } catch (error) {
      this.#fail(error);
      throw error;
    } finally {
      // Reached without a result only when the consumer stopped early (`break`, `return`).
      this.#fail(new AbortError('The stream was closed before the reply completed'), false);
      this.#callerSignal?.removeEventListener('abort', this.#forwardCallerAbort);
    }
  }

  /** One HTTP request: opens it, then yields its chunks until `complete`, or throws. */
  async *#readAttempt(): AsyncGenerator<MessageStreamChunk, void, undefined> {
    const stream = this.#controller.signal;
    if (stream.aborted) throw stream.reason;
    const attempt = new AbortController();
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    // Stops this attempt whatever it is waiting for: the headers, or a read (even when the
    // opener did not wire the signal to the body, cancelling the reader ends a pending read).
    const stop = (reason: unknown) => {
      attempt.abort(reason);
      reader?.cancel(reason).catch(() => {});
    };
    const followStream = () => stop(stream.reason);
    stream.addEventListener('abort', followStream, { once: true });

    try {
      const response = await this.#openResponse(attempt.signal);
      reader = response.body.getReader();

      const events: ServerSentEvent[] = [];
      let heardFromServer = false;
      const parser = createSseParser({
        onEvent: (event) => events.push(event),
        onComment: () => {
          heardFromServer = true;
        },
        maxEventBytes: this.#maxEventBytes,
      });

      // Silence is measured only while waiting on the network, not while the consumer works
      // on a chunk, so a slow consumer is never mistaken for a stalled server.
      let silentFor = 0;
      for (;;) {
        const readStarted = Date.now();
        const idleTimer = setTimeout(
          () => stop(this.#idleTimeoutError()),
          this.#idleTimeout - silentFor,
        );
        let read: ReadableStreamReadResult<Uint8Array>;
        try {
          read = await reader.read();
        } catch (cause) {
          throw attempt.signal.aborted
            ? attempt.signal.reason
            : retryable(this.#error('The connection closed before the reply completed', { cause }));
        } finally {
          clearTimeout(idleTimer);
        }
        if (attempt.signal.aborted) throw attempt.signal.reason;
        if (read.done) throw retryable(this.#error('The stream ended before its complete chunk'));

        // Events parsed before an oversized one are still delivered, then the stream fails.
        let oversized: StreamError | undefined;
        try {
          parser.feed(read.value);
        } catch (cause) {
          if (!(cause instanceof SseEventTooLargeError)) throw cause;
          oversized = this.#error(
            `The stream sent an event larger than maxEventBytes (${this.#maxEventBytes} bytes)`,
            { code: 'event_too_large', cause },
          );
        }
        if (events.length > 0 || heardFromServer) {
          silentFor = 0;
          heardFromServer = false;
        } else {
          silentFor += Date.now() - readStarted;
        }

        for (const event of events) {
          // `abort()` may have been called while the consumer held the previous chunk.
          if (attempt.signal.aborted) throw attempt.signal.reason;
          const chunk = this.#toChunk(event);
          this.#delivered = true;
          this.#onChunk?.(chunk);
          if (chunk.type === 'complete') {
            this.#succeed(chunk);
            yield chunk;
            return;
          }
          yield chunk;
        }
        events.length = 0;
        if (oversized) throw oversized;
      }
    } finally {
      stream.removeEventListener('abort', followStream);
      // Whether the reply completed, failed or was abandoned, release the connection now.
      stop(new AbortError('The stream was closed'));
    }
  }

  async #openResponse(signal: AbortSignal): Promise<Response & { body: ReadableStream }> {
    let response: Response;
    try {
      response = await this.#open(signal);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (error instanceof ChatRoutesError) throw error;
      throw retryable(new NetworkError('The stream request failed', { cause: error }));
    }
    if (!response.ok) {
      const body = await readErrorBody(response);
      throw errorFromResponse(response.status, response.headers, body, this.#redact);
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (!contentType.toLowerCase().startsWith('text/event-stream')) {
      await response.body?.cancel().catch(() => {});
      const requestId = requestIdOf(response.headers, this.#redact);
      throw new StreamError(
        `Expected a text/event-stream response, got ${this.#redact(contentType) || 'no content type'}`,
        { status: response.status, ...(requestId && { requestId }) },
      );
    }
    if (response.body === null) {
      throw retryable(new StreamError('The stream response has no body'));
    }
    return response as Response & { body: ReadableStream };
  }

  /** Turns one SSE event into a typed chunk, or throws the `StreamError` it amounts to. */
  #toChunk(event: ServerSentEvent): MessageStreamChunk {
    if (event.type === 'error') throw this.#serverError(parseJsonOrText(event.data));
    if (event.data === DONE)
      throw this.#error('The stream ended ([DONE]) before its complete chunk');
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.data);
    } catch (cause) {
      throw this.#error('The stream sent an event that is not JSON', {
        details: { data: this.#redact(event.data) },
        cause,
      });
    }
    const malformed = () =>
      this.#error('The stream sent a chunk unlike the API', { details: this.#redact(parsed) });
    if (!isRecord(parsed) || typeof parsed.type !== 'string') throw malformed();
    switch (parsed.type) {
      case 'content':
        if (typeof parsed.content !== 'string') throw malformed();
        this.#appendText(parsed.content);
        return parsed as unknown as ContentChunk;
      case 'complete':
        if (!isRecord(parsed.message) || !isRecord(parsed.usage)) throw malformed();
        return parsed as unknown as CompleteChunk;
      case 'error':
        throw this.#serverError(parsed);
      default:
        return { type: 'unknown', data: parsed as UnknownChunk['data'] };
    }
  }

  /**
   * The error the server reported mid-stream, as an `event: error` or an `error` chunk:
   * `{ message | error, code? }` as in the API's error envelope, or plain text.
   */
  #serverError(sent: unknown): StreamError {
    const safe = this.#redact(sent);
    const body = isRecord(safe) ? safe : {};
    const text = [body.message, body.error, safe].find(
      (candidate): candidate is string => typeof candidate === 'string' && candidate.trim() !== '',
    );
    return this.#error(`The server reported an error mid-stream: ${text ?? 'no reason given'}`, {
      details: safe,
      ...(typeof body.code === 'string' && { code: body.code }),
    });
  }

  #appendText(delta: string): void {
    this.#text += delta;
    // V8 keeps `a += b` as a rope holding every delta (about 32 bytes each, ten times a typical
    // token); reading a character flattens it into one string, so memory stays at the size of
    // the text however many deltas arrive.
    if (++this.#deltasSinceFlatten === 1024) {
      this.#deltasSinceFlatten = 0;
      this.#text.charCodeAt(0);
    }
  }

  #idleTimeoutError(): TimeoutError {
    return retryable(
      new TimeoutError(`No stream event within idleTimeout (${this.#idleTimeout} ms)`, {
        code: 'idle_timeout',
        details: { partialText: this.#text },
      }),
    );
  }

  /** A `StreamError` carrying the reply text received so far. */
  #error(message: string, init: ChatRoutesErrorInit = {}): StreamError {
    return new StreamError(message, { ...init, partialText: this.#text });
  }

  #succeed(chunk: CompleteChunk): void {
    this.#settled = true;
    this.#resolveResult({ message: chunk.message, usage: chunk.usage, model: chunk.model });
    this.#onComplete?.(chunk.message);
  }

  #fail(error: unknown, report = true): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#rejectResult(error);
    if (report && error instanceof ChatRoutesError) this.#onError?.(error);
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

async function* textDeltas(chunks: AsyncIterable<MessageStreamChunk>): AsyncGenerator<string> {
  for await (const chunk of chunks) {
    if (chunk.type === 'content') yield chunk.content;
  }
}

async function readErrorBody(response: Response): Promise<unknown> {
  return parseJsonOrText(await response.text().catch(() => ''));
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
