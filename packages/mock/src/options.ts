import {
  DEFAULT_RETRY_AFTER_SECONDS,
  FAULT_KINDS,
  type FaultKind,
  type FaultRate,
  type FaultRateOptions,
} from './domain/faults.js';
import type { MockStateSnapshot } from './snapshot/format.js';

/** How the mock behaves. Every field is optional; the defaults suit tests and demos. */
export interface MockOptions {
  /**
   * Data to start with: a snapshot from `exportState()` (the object or its JSON text).
   * Refused with MockStateError when malformed or of another version.
   */
  state?: MockStateSnapshot | string;
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
  /** The clock for timestamps and replies' `responseTime`; default `() => new Date()`. */
  now?: () => Date;
  /**
   * The largest request body accepted, in bytes; default 1 MiB. A larger one is refused
   * with 413 before it is read to the end.
   */
  maxBodyBytes?: number;
  /** How much the `Idempotency-Key` store remembers before it forgets the oldest answers. */
  idempotency?: {
    /** Keys remembered at most; default 10 000. */
    maxKeys?: number;
    /** Bytes of stored answers at most (bodies and headers); default 32 MiB. */
    maxBytes?: number;
  };
}

export interface MockServerOptions extends MockOptions {
  /** Port to listen on; default 0 (a free port, read it from `url`). */
  port?: number;
  /** Interface to listen on; default `127.0.0.1` (loopback only). */
  host?: string;
}

/**
 * An option the mock cannot honour: an unknown fault kind, a negative delay, a rate above 1.
 * Thrown by `createMockApp` and `createMockServer`, before anything runs.
 */
export class MockOptionError extends RangeError {
  /** The option at fault, as a path: `faults.kinds`, `latency.max`. */
  readonly option: string;

  constructor(option: string, message: string) {
    super(`${option}: ${message}`);
    this.name = 'MockOptionError';
    this.option = option;
  }
}

export const DEFAULT_SEED = 1;
export const DEFAULT_STREAM_DELAY_MS = 15;
export const DEFAULT_CONTEXT_WINDOW_TOKENS = 8_000;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_IDEMPOTENCY_MAX_KEYS = 10_000;
export const DEFAULT_IDEMPOTENCY_MAX_BYTES = 32 * 1024 * 1024;
const DEFAULT_FAULT_KINDS: readonly FaultKind[] = ['429', '500'];
// Timers fire at once past this (Node warns `TimeoutOverflowWarning`): a longer wait is a mistake.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Every option checked and defaulted, once: the rest of the mock never re-validates. */
export interface NormalisedOptions {
  apiKeys: ReadonlySet<string> | undefined;
  latency: { min: number; max: number };
  faults: FaultRate | undefined;
  seed: number;
  streamDelayMs: number;
  contextWindowTokens: number;
  now: () => Date;
  maxBodyBytes: number;
  idempotency: { maxKeys: number; maxBytes: number };
}

export function normaliseOptions(options: MockOptions): NormalisedOptions {
  return {
    apiKeys: options.apiKeys === undefined ? undefined : apiKeys(options.apiKeys),
    latency: latency(options.latency),
    faults: options.faults === undefined ? undefined : faults(options.faults),
    seed: finite('seed', options.seed ?? DEFAULT_SEED),
    streamDelayMs: delay('streamDelayMs', options.streamDelayMs ?? DEFAULT_STREAM_DELAY_MS),
    contextWindowTokens: positiveInteger(
      'contextWindowTokens',
      options.contextWindowTokens ?? DEFAULT_CONTEXT_WINDOW_TOKENS,
    ),
    now: clock(options.now),
    maxBodyBytes: positiveInteger('maxBodyBytes', options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES),
    idempotency: {
      maxKeys: positiveInteger(
        'idempotency.maxKeys',
        options.idempotency?.maxKeys ?? DEFAULT_IDEMPOTENCY_MAX_KEYS,
      ),
      maxBytes: positiveInteger(
        'idempotency.maxBytes',
        options.idempotency?.maxBytes ?? DEFAULT_IDEMPOTENCY_MAX_BYTES,
      ),
    },
  };
}

/** The server's own options, checked like the rest. */
export function normaliseServerOptions(options: MockServerOptions): { port: number; host: string } {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new MockOptionError('port', `must be an integer from 0 to 65535, got ${String(port)}`);
  }
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host.trim() === '') {
    throw new MockOptionError('host', 'must be a host name or an IP address');
  }
  return { port, host };
}

function apiKeys(keys: readonly string[]): ReadonlySet<string> {
  if (!Array.isArray(keys)) throw new MockOptionError('apiKeys', 'must be an array of keys');
  for (const key of keys) {
    // The header is `ApiKey <key>`: a key with whitespace could never be sent.
    if (typeof key !== 'string' || !/^\S+$/.test(key)) {
      throw new MockOptionError('apiKeys', 'every key must be a non-empty string without spaces');
    }
  }
  return new Set(keys);
}

function latency(option: MockOptions['latency']): { min: number; max: number } {
  if (option === undefined) return { min: 0, max: 0 };
  if (typeof option === 'number') {
    const fixed = delay('latency', option);
    return { min: fixed, max: fixed };
  }
  const min = delay('latency.min', option.min);
  const max = delay('latency.max', option.max);
  if (max < min) {
    throw new MockOptionError('latency.max', `must be ≥ latency.min (${min}), got ${max}`);
  }
  return { min, max };
}

function faults(option: FaultRateOptions): FaultRate {
  const rate = finite('faults.rate', option.rate);
  if (rate < 0 || rate > 1) throw new MockOptionError('faults.rate', `must be 0–1, got ${rate}`);
  const kinds = option.kinds ?? DEFAULT_FAULT_KINDS;
  if (!Array.isArray(kinds) || kinds.length === 0) {
    throw new MockOptionError(
      'faults.kinds',
      `must list at least one of ${FAULT_KINDS.join(', ')}`,
    );
  }
  for (const kind of kinds) {
    if (!FAULT_KINDS.includes(kind)) {
      throw new MockOptionError(
        'faults.kinds',
        `unknown fault kind ${JSON.stringify(kind)}; the kinds are ${FAULT_KINDS.join(', ')}`,
      );
    }
  }
  const retryAfterSeconds = option.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
  if (!Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0) {
    throw new MockOptionError('faults.retryAfterSeconds', 'must be a whole number of seconds ≥ 0');
  }
  return { rate, kinds: [...kinds], retryAfterSeconds };
}

function clock(now: MockOptions['now']): () => Date {
  if (now === undefined) return () => new Date();
  if (typeof now !== 'function') throw new MockOptionError('now', 'must be a function');
  return now;
}

function finite(option: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new MockOptionError(option, `must be a finite number, got ${String(value)}`);
  }
  return value;
}

function delay(option: string, value: number): number {
  const ms = finite(option, value);
  if (ms < 0 || ms > MAX_TIMER_MS) {
    throw new MockOptionError(option, `must be 0–${MAX_TIMER_MS} ms, got ${ms}`);
  }
  return ms;
}

function positiveInteger(option: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new MockOptionError(option, `must be a positive integer, got ${String(value)}`);
  }
  return value;
}
