import type { FaultRateOptions } from './domain/faults.js';

/** How the mock behaves. Every field is optional; the defaults suit tests and demos. */
export interface MockOptions {
  /** API keys to accept; by default any `Authorization: ApiKey <key>` is accepted. */
  apiKeys?: readonly string[];
  /** Added delay per request in ms: a fixed number, or a range drawn with the seed. */
  latency?:
    | number
    | {
        /** The shortest delay, in ms. */
        min: number;
        /** The longest delay, in ms. */
        max: number;
      };
  /** Inject faults at a rate (see the README); the `x-mock-fault` header works regardless. */
  faults?: FaultRateOptions;
  /** Seed of every random choice (ids, fault draws, latency jitter); default 1. */
  seed?: number;
  /** Pause between the words of a streamed reply, in ms; default 15. 0 streams at once. */
  streamDelayMs?: number;
  /** The built-in model's context window in tokens; older history is truncated past it. */
  contextWindowTokens?: number;
  /** The clock for timestamps; default `() => new Date()`. */
  now?: () => Date;
}

export interface MockServerOptions extends MockOptions {
  /** Port to listen on; default 0 (a free port, read it from `url`). */
  port?: number;
  /** Interface to listen on; default `127.0.0.1` (loopback only). */
  host?: string;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_STREAM_DELAY_MS = 15;
