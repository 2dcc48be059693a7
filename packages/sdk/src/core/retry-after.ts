/**
 * How long the server asks us to wait, in milliseconds, or `undefined` when it does not say.
 * `retry-after-ms` (a non-standard header some gateways send) is more precise and wins over
 * `Retry-After`, which is either delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const precise = parseNonNegative(headers.get('retry-after-ms'));
  if (precise !== undefined) return precise;

  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  const seconds = parseNonNegative(value);
  if (seconds !== undefined) return seconds * 1000;
  // An HTTP date always names its day; this keeps `Date.parse` from reading '-3' as a year.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseNonNegative(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}
