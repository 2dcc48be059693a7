import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../src/internal/retry-after.js';
import { isRetryableStatus, retryDelayMs } from '../../src/internal/retry-policy.js';
import { sleep } from '../../src/internal/sleep.js';

const headers = (entries: Record<string, string> = {}) => new Headers(entries);

describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    [{ 'retry-after': '2' }, 2000],
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after': '1.5' }, 1500],
    [{ 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    [{ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' }, 7000],
    [{ 'retry-after': 'Wed, 31 Dec 2025 00:00:00 GMT' }, 0],
    [{ 'retry-after': 'soon' }, undefined],
    [{ 'retry-after': '-3' }, undefined],
    [{ 'retry-after-ms': 'x', 'retry-after': '1' }, 1000],
    [{ 'retry-after': 'Thursday, 01-Jan-26 00:00:03 GMT' }, 3000],
    [{ 'retry-after': 'Thu Jan  1 00:00:04 2026' }, 4000],
    [{}, undefined],
    // What `Number()` or `Date.parse` would read, and RFC 9110 does not allow.
    [{ 'retry-after': '0x10' }, undefined],
    [{ 'retry-after': '1e3' }, undefined],
    [{ 'retry-after': '0b1111' }, undefined],
    [{ 'retry-after': '0o17' }, undefined],
    [{ 'retry-after': '+5' }, undefined],
    [{ 'retry-after': '.5' }, undefined],
    [{ 'retry-after': 'Infinity' }, undefined],
    [{ 'retry-after': '2026-01-01T00:00:05Z' }, undefined],
    [{ 'retry-after': '1 2' }, undefined],
    [{ 'retry-after-ms': '0x10', 'retry-after': '2' }, 2000],
    [{ 'retry-after-ms': '1e3' }, undefined],
  ])('%o → %s ms', (entries, expected) => {
    expect(retryAfterMs(headers(entries), now)).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  it('doubles from retryDelay, minus up to 25 % jitter', () => {
    expect(retryDelayMs(0, 1000, undefined, () => 0)).toBe(1000);
    expect(retryDelayMs(0, 1000, undefined, () => 1)).toBe(750);
    expect(retryDelayMs(2, 1000, undefined, () => 0)).toBe(4000);
    expect(retryDelayMs(2, 1000, undefined, () => 0.5)).toBe(3500);
  });

  it('caps the backoff at 30 s', () => {
    expect(retryDelayMs(10, 1000, undefined, () => 0)).toBe(30_000);
  });

  it('takes the server’s wait up to 60 s, and refuses a longer one', () => {
    expect(retryDelayMs(0, 1000, headers({ 'retry-after': '60' }))).toBe(60_000);
    expect(retryDelayMs(0, 1000, headers({ 'retry-after': '61' }))).toBeUndefined();
    expect(retryDelayMs(5, 1000, headers({ 'retry-after-ms': '10' }))).toBe(10);
  });
});

describe('isRetryableStatus', () => {
  it.each([408, 409, 429, 500, 502, 503, 504])('retries %i', (status) => {
    expect(isRetryableStatus(status, headers())).toBe(true);
  });
  it.each([400, 401, 403, 404, 422])('does not retry %i', (status) => {
    expect(isRetryableStatus(status, headers())).toBe(false);
  });
  it('lets x-should-retry decide', () => {
    expect(isRetryableStatus(400, headers({ 'x-should-retry': 'true' }))).toBe(true);
    expect(isRetryableStatus(500, headers({ 'x-should-retry': 'false' }))).toBe(false);
  });
});

describe('sleep', () => {
  it('rejects at once with the reason when aborted', async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    await expect(sleep(10, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });
});
