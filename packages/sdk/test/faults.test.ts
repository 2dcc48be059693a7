import { setTimeout as delay } from 'node:timers/promises';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  AuthenticationError,
  ChatRoutes,
  ChatRoutesError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  RedirectError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../src/index.js';
import { closeAfterEach, faultClient } from './support/fault-server.js';
import * as fx from './support/fixtures.js';
import { startLoopbackServer } from './support/loopback-server.js';

/** The client against a real loopback server playing faults, over the real global fetch. */
const closeLater = closeAfterEach();
const serve = faultClient({ retryDelay: 5, timeout: 2000 }, closeLater);

const created = { status: 201, body: fx.ok({ conversation: fx.conversation() }) };
const reply = {
  status: 200,
  body: fx.ok({
    message: fx.message('m2', 'assistant', 'Hello'),
    usage: fx.usage,
    model: 'gpt-5-2025-08-07',
  }),
};

describe('the client against a faulty server', () => {
  it('sends once more after 503, 503 and gets the reply, with one Idempotency-Key', async () => {
    const { sdk, server } = await serve([{ status: 503 }, { status: 503 }, reply]);
    const sent = await sdk.messages.send('conv_1', { content: 'Hi' });
    expect(sent.message.content).toBe('Hello');
    expect(server.requests).toHaveLength(3);
    const keys = server.requests.map((request) => request.headers['idempotency-key']);
    expect(keys[0]).toBeTruthy();
    expect(new Set(keys).size).toBe(1);
    expect(server.requests.every((r) => r.body === '{"content":"Hi"}')).toBe(true);
    expect(server.requests[0]?.url).toBe('/api/v1/conversations/conv_1/messages');
    expect(server.requests[0]?.headers.authorization).toBe('ApiKey test-key');
  });

  it('waits for Retry-After: 1 before retrying a 429', async () => {
    const { sdk, server } = await serve([
      {
        status: 429,
        body: { success: false, error: 'Slow down' },
        headers: { 'Retry-After': '1' },
      },
      created,
    ]);
    const started = performance.now();
    await sdk.conversations.create({ title: 'Trip' });
    // Not a performance assertion: a floor proving the wait happened at all.
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it('does not wait out Retry-After: 3600; the error carries retryAfter', async () => {
    const { sdk, server } = await serve([
      { status: 429, body: { success: false, error: 'Quota' }, headers: { 'Retry-After': '3600' } },
    ]);
    const error = await sdk.conversations.create({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfter: 3600, message: 'Quota' });
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [400, ValidationError],
    [401, AuthenticationError],
    [404, NotFoundError],
  ])('does not retry %i and maps it to %s, with the request id', async (status, type) => {
    const { sdk, server } = await serve([
      {
        status,
        body: { success: false, error: 'No' },
        headers: { 'x-request-id': `req_${status}` },
      },
    ]);
    const error = await sdk.conversations.get('conv_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status, requestId: `req_${status}`, message: 'No' });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a connection reset', async () => {
    const { sdk, server } = await serve(['reset', created]);
    expect((await sdk.conversations.create()).id).toBe('conv_1');
    expect(server.requests).toHaveLength(2);
  });

  it('reports NetworkError when every attempt is reset', async () => {
    const { sdk, server } = await serve(['reset', 'reset', 'reset'], { retryAttempts: 2 });
    const error = await sdk.conversations.get('conv_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(3);
  });

  it('times out a server that never answers, attempt by attempt', async () => {
    const { sdk, server } = await serve(['hang', 'hang'], { timeout: 100, retryAttempts: 1 });
    const error = await sdk.conversations.get('conv_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(2);
  });

  it('recovers when only the first attempt hangs', async () => {
    // A timeout the second attempt cannot miss on a loaded machine (the hang costs it once).
    const { sdk, server } = await serve(['hang', created], { timeout: 1000 });
    expect((await sdk.conversations.create()).id).toBe('conv_1');
    expect(server.requests).toHaveLength(2);
  });

  it('maps a proxy’s HTML 502 page to ServerError 502', async () => {
    const { sdk, server } = await serve(
      [{ status: 502, raw: '<html><body><h1>502 Bad Gateway</h1></body></html>' }],
      { retryAttempts: 0 },
    );
    const error = await sdk.conversations.get('conv_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 502 });
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a 200 with truncated JSON, and does not resend', async () => {
    const { sdk, server } = await serve([
      { status: 200, raw: '{"success":true,"data":{"conv' },
      created,
    ]);
    const error = await sdk.conversations.create().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatRoutesError);
    expect(error).toMatchObject({ status: 200, code: 'invalid_response' });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a body cut off mid-way', async () => {
    const { sdk, server } = await serve([{ cutBodyAfter: '{"success":true,"da' }, created]);
    expect((await sdk.conversations.create()).id).toBe('conv_1');
    expect(server.requests).toHaveLength(2);
  });

  it('refuses a 200 that says success: false', async () => {
    const { sdk } = await serve([
      { status: 200, body: { success: false, error: 'Model unavailable' } },
    ]);
    const error = await sdk.conversations.create().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatRoutesError);
    expect(error).toMatchObject({ status: 200, message: 'Model unavailable' });
  });

  it('makes a single attempt with retryAttempts: 0', async () => {
    const { sdk, server } = await serve([{ status: 503 }, created], { retryAttempts: 0 });
    expect(await sdk.conversations.create().catch((e: unknown) => e)).toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(1);
  });

  it('ends at once with AbortError when aborted during a backoff sleep', async () => {
    let answered!: () => void;
    const firstAnswer = new Promise<void>((resolve) => {
      answered = resolve;
    });
    // The real fetch, reporting when the 503 has reached the client (which then sleeps 30 s).
    const reportingFetch: typeof fetch = async (...args) => {
      const response = await fetch(...args);
      answered();
      return response;
    };
    const { sdk, server } = await serve(
      [{ status: 503, headers: { 'Retry-After': '30' } }, created],
      { fetch: reportingFetch },
    );
    const controller = new AbortController();
    const pending = sdk.conversations
      .create({}, { signal: controller.signal })
      .catch((e: unknown) => e);
    await firstAnswer;
    await delay(50);
    controller.abort();
    // Were the 30 s sleep not cancelled, this would outlive the test timeout.
    expect(await pending).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('redirects are never followed', () => {
  it.each([301, 302, 303, 307, 308])(
    'a POST answered %i is a RedirectError naming status and location, sent once',
    async (status) => {
      const { sdk, server } = await serve([
        {
          status,
          headers: {
            location: 'https://user:secret@elsewhere.test/api/v1/conversations',
            'x-request-id': 'req_r',
          },
        },
        reply,
      ]);
      const error = await sdk.messages.send('conv_1', { content: 'Hi' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RedirectError);
      expect(error).toBeInstanceOf(ChatRoutesError);
      expect(error).toMatchObject({
        status,
        code: 'redirect',
        requestId: 'req_r',
        location: 'https://elsewhere.test/api/v1/conversations',
      });
      expect((error as Error).message).toContain(`answered ${status} to https://elsewhere.test/`);
      expect(JSON.stringify(error)).not.toContain('secret');
      expect(server.requests).toHaveLength(1);
    },
  );

  it('resolves a relative Location against the request URL', async () => {
    const { sdk, server } = await serve([{ status: 302, headers: { location: '/login' } }]);
    const error = await sdk.conversations.get('conv_1').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 302, location: `${server.url}/login` });
  });

  it('ends a redirect loop after one request', async () => {
    const server = closeLater(
      await startLoopbackServer((response) => {
        response.writeHead(302, { location: '/api/v1/conversations/conv_1' }).end();
      }),
    );
    const sdk = new ChatRoutes({ apiKey: 'test-key', baseUrl: `${server.url}/api/v1` });
    await expect(sdk.conversations.get('conv_1')).rejects.toBeInstanceOf(RedirectError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('what the server sends back is redacted after parsing', () => {
  const KEY = 'cr_live_0123456789abcdef';
  // `\u0063` is `c`: the echo only looks like the key once the JSON is decoded.
  const escaped = '\\u0063r_live_0123456789abcdef';

  it('in message, code, details and requestId', async () => {
    const { sdk } = await serve(
      [
        {
          status: 400,
          raw: `{"success":false,"message":"Bad key ${escaped}","code":"k_${escaped}","details":{"${escaped}":["${escaped}"]}}`,
          headers: { 'content-type': 'application/json', 'x-request-id': `req-${KEY}` },
        },
      ],
      { apiKey: KEY },
    );
    const error = await sdk.conversations.get('conv_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      message: 'Bad key [redacted]',
      code: 'k_[redacted]',
      details: { '[redacted]': ['[redacted]'] },
      requestId: 'req-[redacted]',
    });
    expect(JSON.stringify(error)).not.toContain(KEY);
    expect(inspect(error, { depth: 10 })).not.toContain(KEY);
  });

  it('in a 200 that says success: false', async () => {
    const { sdk } = await serve(
      [
        {
          status: 200,
          raw: `{"success":false,"error":"Suspended: ${escaped}"}`,
          headers: { 'content-type': 'application/json' },
        },
      ],
      { apiKey: KEY },
    );
    const error = await sdk.conversations.get('conv_1').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 200, message: 'Suspended: [redacted]' });
  });

  it('in a Location that carries the key percent-encoded', async () => {
    const key = 'cr_live_0123+4567/89';
    const { sdk, server } = await serve(
      [{ status: 302, headers: { location: `/login?key=${encodeURIComponent(key)}` } }],
      { apiKey: key },
    );
    const error = await sdk.conversations.get('conv_1').catch((e: unknown) => e);
    expect((error as RedirectError).location).toBe(`${server.url}/login?key=[redacted]`);
    expect(JSON.stringify(error)).not.toContain(encodeURIComponent(key));
  });
});

describe('a body that arrived but cannot be read', () => {
  it('is not "no response from the server", and is not resent when it cannot be decoded', async () => {
    const { sdk, server } = await serve([
      {
        status: 200,
        raw: '{"success":true,"data":{}}',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      },
      created,
    ]);
    const error = await sdk.conversations.create().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatRoutesError);
    expect(error).not.toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ status: 200, code: 'undecodable_body' });
    expect((error as Error).message).toMatch(/answered 200.*could not be decoded.*gzip/);
    expect((error as Error).message).not.toMatch(/no response/);
    expect(server.requests).toHaveLength(1);
  });

  it('says the server answered when the connection drops mid-body (and retries)', async () => {
    const { sdk, server } = await serve(
      [{ cutBodyAfter: '{"success":true,"da' }, { cutBodyAfter: '{"success":true,"da' }],
      { retryAttempts: 1 },
    );
    const error = await sdk.conversations.create().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ status: 200 });
    expect((error as Error).message).toMatch(/answered 200, but the connection failed/);
    expect(server.requests).toHaveLength(2);
  });
});
