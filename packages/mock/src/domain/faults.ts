import type { Random } from './prng.js';

/**
 * The failures the mock can inject.
 * - `429`: a rate-limit error with `Retry-After`; `500`: a JSON server error;
 *   `502-html`: a 502 with an HTML body, as a proxy in front of a service would answer.
 * - `reset`: the connection is dropped before anything is processed.
 * - `reset-after` / `500-after`: the request IS processed (a message is stored), then the
 *   connection is dropped / a 500 is answered — the case idempotency keys exist for.
 * - `stall`: nothing more is sent until the client gives up (a stream sends its first chunk).
 * - `cut-stream`: a stream ends after a few chunks without `complete`; a JSON response ends
 *   in the middle of its body.
 */
export const FAULT_KINDS = [
  '429',
  '500',
  '502-html',
  'reset',
  'reset-after',
  '500-after',
  'stall',
  'cut-stream',
] as const;

/** One of {@link FAULT_KINDS}. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A fault chosen for one request. */
export interface Fault {
  /** What goes wrong. */
  kind: FaultKind;
  /** Seconds announced by a 429. */
  retryAfterSeconds: number;
}

/** Faults injected at random, at a rate drawn with the mock's seed. */
export interface FaultRateOptions {
  /** Probability (0–1) that a request fails; decided by the mock's seeded generator. */
  rate: number;
  /** Which faults the rate draws from (at least one); default `['429', '500']`. */
  kinds?: readonly FaultKind[];
  /** `Retry-After` of injected 429s, in seconds; default 1. */
  retryAfterSeconds?: number;
}

export interface FaultRequest {
  /** The `x-mock-fault` header, if any. */
  header: string | null;
  /** Identifies "the same request" across retries, to honour `count=`. */
  retryIdentity: string;
}

/** `Retry-After` of injected 429s when nothing else is said. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

/** The rate options once checked and defaulted (see `normaliseOptions`). */
export interface FaultRate {
  rate: number;
  kinds: readonly FaultKind[];
  retryAfterSeconds: number;
}

/**
 * Decides, per request, which fault (if any) to inject: the `x-mock-fault` header first,
 * then the configured rate. A header may say `count=N` so that only the first N attempts
 * of the same request fail (an SDK retrying with the same header then succeeds).
 */
export class FaultPlanner {
  readonly #rate: FaultRate | undefined;
  readonly #random: Random;
  readonly #fired = new Map<string, number>();

  constructor(rate: FaultRate | undefined, random: Random) {
    this.#rate = rate;
    this.#random = random;
  }

  /** The fault for this request, or `undefined`; throws on a malformed header. */
  decide(request: FaultRequest): Fault | undefined {
    if (request.header !== null) return this.#fromHeader(request.header, request.retryIdentity);
    const rate = this.#rate;
    if (!rate || rate.rate === 0 || this.#random() >= rate.rate) return undefined;
    const kind = rate.kinds[Math.floor(this.#random() * rate.kinds.length)] ?? '500';
    return { kind, retryAfterSeconds: rate.retryAfterSeconds };
  }

  #fromHeader(header: string, retryIdentity: string): Fault | undefined {
    const { kind, count, retryAfterSeconds } = parseFaultHeader(header);
    if (count !== undefined) {
      const key = `${retryIdentity}\u0000${header}`;
      const fired = this.#fired.get(key) ?? 0;
      if (fired >= count) return undefined;
      this.#fired.set(key, fired + 1);
    }
    return { kind, retryAfterSeconds };
  }
}

export class FaultHeaderError extends Error {}

/** Parses `x-mock-fault: <kind>[; count=<n>][; retry-after=<seconds>]`. */
export function parseFaultHeader(value: string): {
  kind: FaultKind;
  count?: number;
  retryAfterSeconds: number;
} {
  const [kindPart = '', ...parameters] = value.split(';').map((part) => part.trim());
  const kind = FAULT_KINDS.find((known) => known === kindPart.toLowerCase());
  if (!kind) {
    throw new FaultHeaderError(
      `Unknown x-mock-fault "${kindPart}"; expected one of ${FAULT_KINDS.join(', ')}`,
    );
  }
  let count: number | undefined;
  let retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS;
  for (const parameter of parameters) {
    const [name = '', raw = ''] = parameter.split('=').map((part) => part.trim());
    const number = Number(raw);
    if (!/^\d+$/.test(raw)) throw new FaultHeaderError(`x-mock-fault ${name} must be an integer`);
    if (name === 'count') count = number;
    else if (name === 'retry-after') retryAfterSeconds = number;
    else throw new FaultHeaderError(`Unknown x-mock-fault parameter "${name}"`);
  }
  return count === undefined ? { kind, retryAfterSeconds } : { kind, count, retryAfterSeconds };
}
