import { retryAfterMs } from './retry-after.js';

/** Waits the server asks for beyond this are not waited out: the error reaches the caller. */
export const MAX_SERVER_WAIT_MS = 60_000;
/** Our own backoff never exceeds this. */
export const MAX_BACKOFF_MS = 30_000;

/**
 * Whether a response is worth another attempt. `x-should-retry` (sent by some gateways) wins;
 * otherwise: request timeout, conflict, rate limit and server errors are transient, other
 * 4xx are the caller's mistake and would fail again.
 */
export function isRetryableStatus(status: number, headers: Headers): boolean {
  const verdict = headers.get('x-should-retry');
  if (verdict === 'true') return true;
  if (verdict === 'false') return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Milliseconds before retry number `retry` (0-based), or `undefined` when the server asked
 * for a wait longer than we accept: the server's `retry-after-ms` / `Retry-After` when
 * present, else `retryDelay · 2^retry` capped at 30 s, minus up to 25 % random jitter so that
 * many clients failing together do not retry together.
 */
export function retryDelayMs(
  retry: number,
  retryDelay: number,
  headers: Headers | undefined,
  random: () => number = Math.random,
): number | undefined {
  const serverWait = headers && retryAfterMs(headers);
  if (serverWait !== undefined) return serverWait <= MAX_SERVER_WAIT_MS ? serverWait : undefined;
  const backoff = Math.min(retryDelay * 2 ** retry, MAX_BACKOFF_MS);
  return backoff * (1 - 0.25 * random());
}
