import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RoundTrip } from '../../src/core/api-promise.js';
import {
  AbortError,
  AuthenticationError,
  ChatRoutesError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../../src/core/errors.js';
import type { OutgoingRequest } from '../../src/internal/outgoing-request.js';
import { sendRequest } from '../../src/internal/pipeline.js';
import { createRedactor } from '../../src/internal/redact.js';
import { json, type Step, scriptedFetch } from '../support/scripted-fetch.js';

const ok = () => json(200, { success: true, data: { conversation: { id: 'c1' } } });
const SECRET = 'cr_live_secret_key_123';

function pipeline(steps: Step[], settings: { retryAttempts?: number; timeout?: number } = {}) {
  const fake = scriptedFetch(steps);
  const fetch = (request: OutgoingRequest) =>
    sendRequest(request, {
      timeout: settings.timeout ?? 1000,
      retryAttempts: settings.retryAttempts ?? 3,
      retryDelay: 100,
      fetch: fake.fetch,
      fetchOptions: undefined,
      middleware: [],
      log: {},
      redact: createRedactor(SECRET),
    });
  return { fetch, calls: fake.calls };
}

/** A request as the transport hands it to the pipeline. */
const outgoing = (
  url: string,
  init: { method?: string; body?: string; headers: Headers; signal?: AbortSignal },
): OutgoingRequest => ({ method: 'GET', body: undefined, signal: undefined, ...init, url });

const post = (signal?: AbortSignal, headers: Record<string, string> = {}) =>
  outgoing('https://api.test/v1/conversations', {
    method: 'POST',
    body: JSON.stringify({ title: 'T' }),
    headers: new Headers({ 'content-type': 'application/json', ...headers }),
    signal,
  });

/** Runs the call while advancing fake time, and returns its settled outcome. */
async function settle<T>(promise: Promise<T>): Promise<T | unknown> {
  const outcome = promise.then(
    (value) => value,
    (error: unknown) => error,
  );
  await vi.runAllTimersAsync();
  return outcome;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('retries', () => {
  it('succeeds on the third attempt of 503, 503, 200 with one Idempotency-Key', async () => {
    const { fetch, calls } = pipeline([json(503, {}), json(503, {}), ok()]);
    const { response, body } = (await settle(fetch(post()))) as RoundTrip;
    expect(response.status).toBe(200);
    expect(body).toEqual({ success: true, data: { conversation: { id: 'c1' } } });
    expect(calls).toHaveLength(3);
    const keys = calls.map((call) => call.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    expect(calls.map((call) => call.body)).toEqual(Array(3).fill('{"title":"T"}'));
  });

  it('keeps a caller-supplied Idempotency-Key, and adds none to a GET', async () => {
    const withKey = pipeline([json(500, {}), ok()]);
    await settle(withKey.fetch(post(undefined, { 'Idempotency-Key': 'mine' })));
    expect(withKey.calls.map((call) => call.headers.get('idempotency-key'))).toEqual([
      'mine',
      'mine',
    ]);
    const get = pipeline([ok()]);
    await get.fetch(outgoing('https://api.test/v1/conversations/c1', { headers: new Headers() }));
    expect(get.calls[0]?.headers.has('idempotency-key')).toBe(false);
  });

  it('backs off exponentially with at most 25 % jitter', async () => {
    const { fetch, calls } = pipeline([json(503, {}), json(503, {}), json(503, {}), ok()]);
    const start = Date.now();
    await settle(fetch(post()));
    expect(calls).toHaveLength(4);
    const times = calls.map((call) => call.at - start);
    expect(times[0]).toBe(0);
    for (let retry = 0; retry < 3; retry++) {
      const gap = (times[retry + 1] ?? 0) - (times[retry] ?? 0);
      const full = 100 * 2 ** retry;
      expect(gap).toBeGreaterThanOrEqual(full * 0.75 - 1);
      expect(gap).toBeLessThanOrEqual(full + 1);
    }
  });

  it('waits what Retry-After asks (1 s) before retrying a 429', async () => {
    const { fetch, calls } = pipeline([json(429, {}, { 'Retry-After': '1' }), ok()]);
    const done = fetch(post());
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    expect((await done).response.status).toBe(200);
  });

  it('honours retry-after-ms and an HTTP-date Retry-After', async () => {
    const precise = pipeline([json(503, {}, { 'retry-after-ms': '250' }), ok()]);
    const first = precise.fetch(post());
    await vi.advanceTimersByTimeAsync(249);
    expect(precise.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await first).response.status).toBe(200);

    const date = new Date(Date.now() + 5000).toUTCString();
    const dated = pipeline([json(503, {}, { 'Retry-After': date }), ok()]);
    const second = dated.fetch(post());
    await vi.advanceTimersByTimeAsync(3900);
    expect(dated.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1100);
    expect((await second).response.status).toBe(200);
  });

  it('does not wait out Retry-After: 3600 and surfaces retryAfter', async () => {
    const { fetch, calls } = pipeline([
      json(429, { success: false, error: 'Slow down' }, { 'Retry-After': '3600' }),
    ]);
    const error = await settle(fetch(post()));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfter: 3600, message: 'Slow down' });
    expect(calls).toHaveLength(1);
  });

  it.each([
    [400, ValidationError],
    [401, AuthenticationError],
    [404, NotFoundError],
  ])('does not retry %i and maps it to %s', async (status, type) => {
    const { fetch, calls } = pipeline([
      json(status, { success: false, error: 'E' }, { 'x-request-id': 'req_42' }),
    ]);
    const error = await settle(fetch(post()));
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status, requestId: 'req_42' });
    expect(calls).toHaveLength(1);
  });

  it('lets x-should-retry override the status rule both ways', async () => {
    const forced = pipeline([json(400, {}, { 'x-should-retry': 'true' }), ok()]);
    expect(((await settle(forced.fetch(post()))) as RoundTrip).response.status).toBe(200);
    expect(forced.calls).toHaveLength(2);

    const refused = pipeline([json(503, {}, { 'x-should-retry': 'false' })]);
    expect(await settle(refused.fetch(post()))).toBeInstanceOf(ServerError);
    expect(refused.calls).toHaveLength(1);
  });

  it('makes exactly one attempt with retryAttempts: 0', async () => {
    const { fetch, calls } = pipeline([json(503, {}), ok()], { retryAttempts: 0 });
    expect(await settle(fetch(post()))).toBeInstanceOf(ServerError);
    expect(calls).toHaveLength(1);
  });

  it('gives up after retryAttempts and reports the last failure', async () => {
    const { fetch, calls } = pipeline(
      Array(4)
        .fill(0)
        .map(() => json(502, {})),
    );
    const error = await settle(fetch(post()));
    expect(error).toMatchObject({ status: 502 });
    expect(calls).toHaveLength(4);
  });
});

describe('failures without a usable response', () => {
  it('retries a network error, then surfaces NetworkError with its cause', async () => {
    const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    const { fetch, calls } = pipeline([reset, reset], { retryAttempts: 1 });
    const error = await settle(fetch(post()));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect((error as Error).cause).toBe(reset);
    expect(calls).toHaveLength(2);
  });

  it('times out each attempt on its own and retries it', async () => {
    const { fetch, calls } = pipeline(['hang', 'hang', ok()], { timeout: 500 });
    const done = fetch(post());
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls[0]?.signal?.aborted).toBe(true);
    expect(((await settle(done)) as RoundTrip).response.status).toBe(200);
    expect(calls).toHaveLength(3);
  });

  it('surfaces TimeoutError when every attempt times out', async () => {
    const { fetch, calls } = pipeline(['hang', 'hang'], { timeout: 500, retryAttempts: 1 });
    const error = await settle(fetch(post()));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(NetworkError);
    expect(calls).toHaveLength(2);
  });

  it('maps an HTML 502 page to ServerError 502', async () => {
    const html = () =>
      new Response('<html><body>502 Bad Gateway</body></html>', {
        status: 502,
        headers: { 'content-type': 'text/html' },
      });
    const { fetch } = pipeline([html()], { retryAttempts: 0 });
    const error = await settle(fetch(post()));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 502 });
  });

  it('rejects a 200 with truncated JSON, without retrying', async () => {
    const truncated = new Response('{"success":true,"data":{"conv', { status: 200 });
    const { fetch, calls } = pipeline([truncated, ok()]);
    const error = await settle(fetch(post()));
    expect(error).toBeInstanceOf(ChatRoutesError);
    expect(error).toMatchObject({ status: 200, code: 'invalid_response' });
    expect(calls).toHaveLength(1);
  });

  it('rejects a 200 that says success: false', async () => {
    const { fetch } = pipeline([json(200, { success: false, error: 'Model unavailable' })]);
    const error = await settle(fetch(post()));
    expect(error).toBeInstanceOf(ChatRoutesError);
    expect(error).toMatchObject({ status: 200, message: 'Model unavailable' });
  });

  it('accepts a 204 without a body', async () => {
    const { fetch } = pipeline([new Response(null, { status: 204 })]);
    expect((await fetch(post())).response.status).toBe(204);
  });

  it('removes the API key from an error body that echoes it', async () => {
    const { fetch } = pipeline([
      json(401, { success: false, error: `Invalid key ApiKey ${SECRET}`, details: { k: SECRET } }),
    ]);
    const error = await settle(fetch(post()));
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(String(error)).toContain('[redacted]');
  });

  it('removes the API key from a success: false body too', async () => {
    const { fetch } = pipeline([
      json(200, { success: false, error: `Key ${SECRET} is suspended` }),
    ]);
    const error = await settle(fetch(post()));
    expect(String(error)).toBe('ChatRoutesError: Key [redacted] is suspended');
  });
});

describe('abort', () => {
  it('ends a pending backoff sleep at once with AbortError', async () => {
    const controller = new AbortController();
    const { fetch, calls } = pipeline([json(503, {}, { 'Retry-After': '30' }), ok()]);
    const done = fetch(post(controller.signal)).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toHaveLength(1);
    controller.abort();
    // No timer is advanced: the rejection must not wait for the 30 s sleep.
    const error = await done;
    expect(error).toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(1);
  });

  it('cancels an attempt in flight, and is never retried', async () => {
    const controller = new AbortController();
    const { fetch, calls } = pipeline(['hang', ok()]);
    const done = fetch(post(controller.signal)).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect(await done).toBeInstanceOf(AbortError);
    expect(calls[0]?.signal?.aborted).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('refuses to start when the signal is already aborted', async () => {
    const { fetch, calls } = pipeline([ok()]);
    const error = await fetch(post(AbortSignal.abort())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(0);
  });
});

describe('streams', () => {
  const sse = () =>
    new Response('data: {"type":"content","content":"Hi"}\n\n', {
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
    });
  const streamRequest = (signal?: AbortSignal) =>
    outgoing('https://api.test/v1/conversations/c1/messages/stream', {
      method: 'POST',
      body: '{"content":"Hi"}',
      headers: new Headers({ accept: 'text/event-stream' }),
      signal,
    });

  it('hands over the response at the headers, and the timeout stops there', async () => {
    const { fetch, calls } = pipeline([sse()], { timeout: 500 });
    const { response } = await fetch(streamRequest());
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls[0]?.signal?.aborted).toBe(false);
    expect(await response.text()).toContain('"Hi"');
  });

  it("keeps the caller's signal wired to the body after the headers", async () => {
    const controller = new AbortController();
    const { fetch, calls } = pipeline([sse()]);
    await fetch(streamRequest(controller.signal));
    controller.abort();
    expect(calls[0]?.signal?.aborted).toBe(true);
  });

  it('retries a 500 before the headers, then streams', async () => {
    const { fetch, calls } = pipeline([json(500, {}), sse()]);
    const { response } = (await settle(fetch(streamRequest()))) as RoundTrip;
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(calls).toHaveLength(2);
  });
});
