/**
 * How long the server asks us to wait, in milliseconds, or `undefined` when it does not say.
 * `retry-after-ms` (a non-standard header some gateways send) is more precise and wins over
 * `Retry-After`, which is either delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 *
 * Parsed strictly: `Number()` would read `0x10` as 16 and `1e3` as 1000, and `Date.parse`
 * accepts almost anything, so a value that is neither plain digits (decimals tolerated, as
 * gateways send them) nor a date that names its weekday is ignored.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const precise = parseDecimal(headers.get('retry-after-ms'));
  if (precise !== undefined) return precise;

  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  const seconds = parseDecimal(value);
  if (seconds !== undefined) return seconds * 1000;
  const date = httpDate.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const decimal = /^\d+(?:\.\d+)?$/;
// IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, and the obsolete RFC 850 and asctime forms.
const httpDate = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? [\w :-]+$/i;

function parseDecimal(value: string | null): number | undefined {
  const text = value?.trim();
  return text && decimal.test(text) ? Number(text) : undefined;
}
