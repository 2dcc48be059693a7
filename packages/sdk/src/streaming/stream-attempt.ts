import { ChunkFault, sseEventFault } from './chunks.js';
import { createSseParser } from './sse.js';

/** How the bytes of a body are framed: SSE from the API, NDJSON from `toReadableStream()`. */
export type Framing = 'sse' | 'ndjson';

/** What one read of the body brought, in stream order. */
export interface ParsedRead {
  /** The text of each event (an SSE `data`, an NDJSON line), to decode when its turn comes. */
  events: string[];
  /** The fault that ends the stream after those events, if the read ended in one. */
  fault: ChunkFault | undefined;
}

export interface AttemptLimits {
  maxEventBytes: number;
  idleTimeout: number;
  /** The error an attempt silent for `idleTimeout` is stopped with. */
  idleError(): unknown;
}

/**
 * One attempt of a stream being read: its body, its parser, and the idle timer bounding the
 * network's silence. Silence is measured only while a read is pending, not while the consumer
 * works on a chunk, so a slow consumer is never mistaken for a stalled server. It adds up over
 * reads that bring nothing but part of an event (a server trickling an endless line is silent)
 * and starts again at zero with each event, comment or fault.
 */
export class StreamAttempt {
  readonly #controller: AbortController;
  /** Aborted once the attempt is stopped: by the stream's abort, the idle timer, or the end. */
  readonly signal: AbortSignal;
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #feed: (bytes: Uint8Array) => void;
  readonly #limits: AttemptLimits;
  readonly #onStop: () => void;
  // What the parser found in the read being parsed; a fresh list per read, handed over whole.
  #events: string[] = [];
  #fault: ChunkFault | undefined;
  // Something came with the current read (an event, a comment, a fault): the server is alive.
  #heard = false;
  #silentFor = 0;
  #waitingSince: number | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param controller - aborts the attempt's request; `stop()` aborts it.
   * @param onStop - called once the attempt stops (to detach it from the stream's signal).
   */
  constructor(
    controller: AbortController,
    body: ReadableStream<Uint8Array>,
    framing: Framing,
    limits: AttemptLimits,
    onStop: () => void,
  ) {
    this.#controller = controller;
    this.signal = controller.signal;
    this.#reader = body.getReader();
    this.#limits = limits;
    this.#onStop = onStop;
    const event = (text: string) => {
      // Nothing after a fault: the stream ends there.
      if (this.#fault) return;
      this.#heard = true;
      this.#events.push(text);
    };
    const sse = framing === 'sse';
    this.#feed = createSseParser({
      onEvent: sse
        ? (data, type) => {
            const fault = sseEventFault(type, data);
            if (fault) this.#fail(fault);
            else event(data);
          }
        : event,
      onComment: () => {
        this.#heard = true;
      },
      maxEventBytes: limits.maxEventBytes,
      lines: !sse,
    }).feed;
  }

  /** The next read of the body, under the idle timer. */
  read(): Promise<ReadableStreamReadResult<Uint8Array>> {
    this.#waitingSince = Date.now();
    this.#idleTimer ??= this.#armIdleTimer(this.#limits.idleTimeout - this.#silentFor);
    return this.#reader.read();
  }

  /** Parses the bytes of the read that just completed into its events (and fault). */
  parse(bytes: Uint8Array): ParsedRead {
    const waited = Date.now() - (this.#waitingSince as number);
    this.#waitingSince = undefined;
    this.#heard = false;
    this.#events = [];
    try {
      this.#feed(bytes);
    } catch (cause) {
      // An oversized event: those parsed before it are still delivered, then the stream fails.
      if (!(cause instanceof ChunkFault)) throw cause;
      this.#fail(cause);
    }
    this.#silentFor = this.#heard ? 0 : this.#silentFor + waited;
    return { events: this.#events, fault: this.#fault };
  }

  /** Stops the attempt whatever it waits for: even a body not wired to the signal ends. */
  stop(reason: unknown): void {
    clearTimeout(this.#idleTimer);
    this.#onStop();
    this.#controller.abort(reason);
    this.#reader.cancel(reason).catch(() => {});
  }

  #fail(fault: ChunkFault): void {
    if (this.#fault) return;
    this.#fault = fault;
    this.#heard = true;
  }

  /**
   * One timer per attempt rather than one per read (a timer costs more than parsing a read of
   * a few events): when it fires, it stops the attempt if the silence so far reaches
   * `idleTimeout`, else waits for the rest; while no read is pending it lapses, and the next
   * read arms it again.
   */
  #armIdleTimer(delay: number): ReturnType<typeof setTimeout> {
    return setTimeout(() => {
      this.#idleTimer = undefined;
      if (this.#waitingSince === undefined) return;
      const silence = this.#silentFor + Date.now() - this.#waitingSince;
      const { idleTimeout, idleError } = this.#limits;
      if (silence >= idleTimeout) this.stop(idleError());
      else this.#idleTimer = this.#armIdleTimer(idleTimeout - silence);
    }, delay);
  }
}
