import {
  AbortError,
  ChatRoutesError,
  type ChatRoutesErrorInit,
  NetworkError,
  StreamError,
  TimeoutError,
} from '../core/errors.js';
import { checkEventStreamResponse, type OpenStreamResponse } from '../core/stream-response.js';
import type { Redact } from '../internal/redact.js';
import { retryDelayMs } from '../internal/retry-policy.js';
import { sleep } from '../internal/sleep.js';
import { untilAborted } from '../internal/until-aborted.js';
import { ChunkFault, chunkFromJson, chunkFromJsonLine, type MessageStreamChunk } from './chunks.js';
import { ReplyText } from './reply-text.js';
import { type Framing, StreamAttempt } from './stream-attempt.js';
import type { StreamLimits } from './stream-options.js';

/** Where the bytes of one attempt come from, and how they are framed. */
export interface OpenedBody {
  body: ReadableStream<Uint8Array>;
  framing: Framing;
  /** The HTTP response the body belongs to (none for a relayed readable). */
  response?: Response;
}

/** Opens one attempt of a stream; aborting `signal` must cancel it. */
export type OpenBody = (signal: AbortSignal) => Promise<OpenedBody>;

/**
 * The engine under a `MessageStream`: it reads the body attempt by attempt, parses each read
 * into events, decodes them one at a time as the caller takes them (so a read's chunks do not
 * outlive their turn), and re-opens the request while nothing has reached the caller. After
 * the first chunk, a failure is the stream's end, never a silent restart.
 *
 * It is pulled in two steps, so that the events of one read are handed out without waiting on
 * anything: `readUntilReady()` reads on until something is `ready`, `nextChunk()` hands out
 * the next chunk.
 */
export class ChunkReader {
  readonly #open: OpenBody;
  readonly #limits: StreamLimits;
  readonly #redact: Redact;
  // The stream's signal: `abort()` or the caller's signal; every attempt follows it.
  readonly #signal: AbortSignal;
  // Read on every chunk, so kept as a plain field rather than read from the signal.
  #aborted = false;
  // The reply text so far: all a failed stream must report, and all the memory it keeps.
  readonly #text = new ReplyText();
  #response: Response | undefined;
  #attempt: StreamAttempt | undefined;
  #attempts = 0;
  // The events of the last read and the next one to hand out, then the fault after them.
  #events: readonly string[] = [];
  #next = 0;
  #fault: ChunkFault | undefined;
  #decode: (text: string) => MessageStreamChunk | ChunkFault = chunkFromJson;
  // Once a chunk has reached the caller, a failure can no longer be hidden by a re-open.
  #delivered = false;

  /**
   * @param redact - applied to whatever the server sent in a fault before it reaches an error.
   * @param signal - the stream's: aborting it ends the stream and stops the current attempt.
   */
  constructor(open: OpenBody, limits: StreamLimits, redact: Redact, signal: AbortSignal) {
    this.#open = open;
    this.#limits = limits;
    this.#redact = redact;
    this.#signal = signal;
    signal.addEventListener(
      'abort',
      () => {
        this.#aborted = true;
        // Stop the attempt now, whatever it waits for: a body that ignores its signal (a
        // relayed readable, a custom `fetch`) would otherwise hold the pending read, and its
        // idle timer the process, until `idleTimeout`.
        this.#attempt?.stop(signal.reason);
      },
      { once: true },
    );
  }

  /** The response being read, once its headers arrived (after a re-open, the new one). */
  get response(): Response | undefined {
    return this.#response;
  }

  /** A chunk, or the fault in its place, can be taken without reading. */
  get ready(): boolean {
    return this.#next < this.#events.length || this.#fault !== undefined;
  }

  /**
   * Reads on until something is `ready`, opening or re-opening the request when needed; the
   * read is awaited here, in one async frame, as it happens once per network read. Throws
   * the error that ends the stream.
   */
  async readUntilReady(): Promise<void> {
    const stream = this.#signal;
    while (!this.ready) {
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
        this.#parse(attempt, read);
      } catch (error) {
        this.release();
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
  }

  /** The next chunk, when `ready`; throws the fault in its place, or the stream's abort. */
  nextChunk(): MessageStreamChunk {
    // `abort()` may have been called while the consumer held the previous chunk.
    if (this.#aborted) throw this.#signal.reason;
    if (this.#next === this.#events.length) throw this.#faultError(this.#fault as ChunkFault);
    const chunk = this.#decode(this.#events[this.#next++] as string);
    if (chunk instanceof ChunkFault) throw this.#faultError(chunk);
    this.#delivered = true;
    if (chunk.type === 'content') this.#text.append(chunk.content);
    return chunk;
  }

  /** A `StreamError` (or `type`) carrying the reply text received so far. */
  error<E extends ChatRoutesError = StreamError>(
    message: string,
    init: ChatRoutesErrorInit = {},
    type: new (message: string, init: ChatRoutesErrorInit) => E = StreamError as never,
  ): E {
    return new type(message, { ...init, partialText: this.#text.toString() });
  }

  /** Whether the reply completed, failed or was abandoned, release the connection now. */
  release(): void {
    this.#attempt?.stop(new AbortError('The stream was closed'));
    this.#attempt = undefined;
  }

  async #openAttempt(): Promise<StreamAttempt> {
    const stream = this.#signal;
    this.#attempts++;
    const controller = new AbortController();
    const followStream = () => controller.abort(stream.reason);
    stream.addEventListener('abort', followStream, { once: true });
    const unfollow = () => stream.removeEventListener('abort', followStream);
    let opened: OpenedBody;
    try {
      // Raced with the signal: an opener may ignore it.
      opened = await untilAborted(this.#open(controller.signal), controller.signal);
    } catch (error) {
      unfollow();
      controller.abort();
      throw stream.aborted ? stream.reason : error;
    }
    this.#response = opened.response;
    this.#decode = opened.framing === 'sse' ? chunkFromJson : chunkFromJsonLine;
    const idleError = () =>
      retryable(
        this.error(
          `No stream event within idleTimeout (${this.#limits.idleTimeout} ms)`,
          { code: 'idle_timeout' },
          TimeoutError,
        ),
      );
    const limits = { ...this.#limits, idleError };
    return new StreamAttempt(controller, opened.body, opened.framing, limits, unfollow);
  }

  /** What a failed read means: the attempt's abort, the error a relayed stream carried, a cut. */
  #readFailure(attempt: StreamAttempt, cause: unknown): unknown {
    if (attempt.signal.aborted) return attempt.signal.reason;
    // What a MessageStream put into its readable (`tee()`) is already the right error.
    if (cause instanceof ChatRoutesError) return cause;
    return retryable(this.error('The connection closed before the reply completed', { cause }));
  }

  /** Parses one read of the body into the events (and fault) to hand out. */
  #parse(attempt: StreamAttempt, read: ReadableStreamReadResult<Uint8Array>): void {
    if (attempt.signal.aborted) throw attempt.signal.reason;
    if (read.done) throw retryable(this.error('The stream ended before its complete chunk'));
    if (!ArrayBuffer.isView(read.value)) {
      throw this.error('The stream produced something other than bytes');
    }
    const { events, fault } = attempt.parse(read.value);
    this.#events = events;
    this.#next = 0;
    this.#fault = fault;
    // The stream is failing after these events: free the connection now.
    if (fault) this.release();
  }

  /** The error for a fault, with whatever the server sent in it redacted. */
  #faultError(fault: ChunkFault): StreamError {
    const redact = this.#redact;
    // Only what the server sent: a caller's redaction need not take `undefined`.
    return this.error(redact(fault.message), {
      ...(fault.details !== undefined && { details: redact(fault.details) }),
      ...(fault.code !== undefined && { code: redact(fault.code) }),
    });
  }
}

/**
 * The opener of an HTTP stream: `open` sends the request, and its response must be a
 * `text/event-stream`. A failure before the headers that a re-open can cure is marked so.
 */
export function openEventStream(open: OpenStreamResponse, redact: Redact): OpenBody {
  return async (signal) => {
    let response: Response;
    try {
      response = await open(signal);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (error instanceof ChatRoutesError) throw error;
      throw retryable(new NetworkError('The stream request failed', { cause: error }));
    }
    await checkEventStreamResponse(response, redact);
    if (response.body === null) {
      throw retryable(new StreamError('The stream response has no body'));
    }
    return { body: response.body, framing: 'sse', response };
  };
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
