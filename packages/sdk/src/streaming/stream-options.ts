import type { Message } from '@chatroutes/fetch/contract';
import type { ChatRoutesError } from '../core/errors.js';
import {
  DEFAULT_IDLE_TIMEOUT,
  DEFAULT_MAX_EVENT_BYTES,
  DEFAULT_RETRY_ATTEMPTS,
  DEFAULT_RETRY_DELAY,
} from '../internal/defaults.js';
import {
  numberSettings,
  requireCount,
  requireNonNegative,
  requirePositive,
  requirePositiveInteger,
} from '../internal/validate.js';
import type { MessageStreamChunk } from './chunks.js';

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

/** A stream's numeric options, checked and completed with their defaults. */
export type StreamLimits = typeof defaultLimits;

/** Checks a stream's numeric options (a `TypeError` naming the bad one) and fills in defaults. */
export function resolveStreamLimits(options: MessageStreamOptions): StreamLimits {
  return numberSettings(limitChecks, options, defaultLimits);
}
