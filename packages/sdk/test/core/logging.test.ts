import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatRoutes, type ClientOptions, type Logger } from '../../src/index.js';
import { type Fault, faultClient } from '../support/fault-server.js';
import * as fx from '../support/fixtures.js';
import { complete, content, sseBody } from '../support/sse-server.js';

const KEY = 'cr_live_0123456789abcdef';

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A logger that keeps every line, as pino or winston would receive it. */
function recorder() {
  const lines: Array<{ level: keyof Logger; message: string; details: unknown[] }> = [];
  const at =
    (level: keyof Logger) =>
    (message: string, ...details: unknown[]) =>
      lines.push({ level, message, details });
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return { logger, lines };
}

const serveFaults = faultClient({ apiKey: KEY, retryDelay: 1 });
const serve = async (script: Fault[], options: ClientOptions = {}) =>
  (await serveFaults(script, options)).sdk;

// The server echoes the key back, JSON-escaped, in a body and a header.
const echo = (status: number): Fault => ({
  status,
  raw: `{"success":false,"error":"bad \\u0063r_live_0123456789abcdef"}`,
  headers: { 'content-type': 'application/json', 'x-request-id': `req-${KEY}` },
});
const created: Fault = {
  status: 201,
  body: fx.ok({ conversation: fx.conversation() }),
  headers: { 'x-request-id': 'req_ok' },
};

describe('logging', () => {
  it('debug logs every attempt: method, URL, status, duration, attempt, request id, bodies', async () => {
    const { logger, lines } = recorder();
    const sdk = await serve([{ status: 503 }, created], { logLevel: 'debug', logger });
    await sdk.conversations.create({ title: 'Trip' });
    const attempts = lines.filter((line) => line.level === 'debug');
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.message).toMatch(
      /^\[chatroutes\] POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/conversations → the server answered 503 in \d+ ms \(attempt 1\)$/,
    );
    expect(attempts[1]?.message).toMatch(/→ 201 in \d+ ms \(attempt 2\)$/);
    expect(attempts[1]?.details[0]).toMatchObject({
      method: 'POST',
      status: 201,
      attempt: 2,
      requestId: 'req_ok',
      requestBody: '{"title":"Trip"}',
      // Parsed, so that redaction sees what the server meant (see the echo test below).
      responseBody: fx.ok({ conversation: fx.conversation() }),
      requestHeaders: { authorization: '[redacted]' },
    });
    expect(lines.filter((line) => line.level === 'info')).toHaveLength(1);
  });

  it('info logs each retry with its reason and wait, and no attempt or body', async () => {
    const { logger, lines } = recorder();
    const sdk = await serve(['reset', created], { logLevel: 'info', logger });
    await sdk.conversations.create({ title: 'Secret plans' });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe('info');
    expect(lines[0]?.message).toMatch(
      /^\[chatroutes\] retrying POST \S+\/conversations in \d+ ms \(retry 1 of 3\): Network error/,
    );
    expect(lines[0]?.details[0]).toMatchObject({ retry: 1, reason: expect.any(String) });
    expect(JSON.stringify(lines)).not.toContain('Secret plans');
  });

  it('logs nothing at the default level warn, nor with off', async () => {
    const quiet = recorder();
    const off = recorder();
    await (
      await serve([{ status: 503 }, created], { logger: quiet.logger })
    ).conversations.create();
    await (
      await serve([{ status: 503 }, created], { logger: off.logger, logLevel: 'off' })
    ).conversations.create();
    expect(quiet.lines).toEqual([]);
    expect(off.lines).toEqual([]);
  });

  it('reads CHATROUTES_LOG when the option is absent, and refuses a bad level', async () => {
    vi.stubEnv('CHATROUTES_LOG', 'info');
    const { logger, lines } = recorder();
    await (await serve([{ status: 503 }, created], { logger })).conversations.create();
    expect(lines.map((line) => line.level)).toEqual(['info']);
    vi.stubEnv('CHATROUTES_LOG', 'verbose');
    expect(() => new ChatRoutes({ apiKey: KEY })).toThrow(
      /^CHATROUTES_LOG must be one of debug, info, warn, error, off/,
    );
    expect(() => new ChatRoutes({ apiKey: KEY, logLevel: 'loud' as never })).toThrow(
      /^options\.logLevel must be one of/,
    );
    expect(() => new ChatRoutes({ apiKey: KEY, logLevel: 'warn', logger: {} as never })).toThrow(
      /options\.logger must have debug, info, warn and error methods/,
    );
  });

  it('never logs the key, the Authorization header, or a key the server echoes', async () => {
    const { logger, lines } = recorder();
    const sdk = await serve([echo(503), echo(400)], {
      logLevel: 'debug',
      logger,
      defaultHeaders: { cookie: 'session=abc' },
    });
    await expect(sdk.conversations.get('c')).rejects.toThrow('bad [redacted]');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('session=abc');
    expect(text).toContain('req-[redacted]');
  });

  it('never logs a key the server echoes JSON-escaped in a successful answer', async () => {
    const { logger, lines } = recorder();
    const sdk = await serve(
      [
        {
          status: 201,
          raw: `{"success":true,"data":{"conversation":{"id":"c","userId":"u","title":"\\u0063r_live_0123456789abcdef","createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-01T00:00:00.000Z"}}}`,
          headers: { 'content-type': 'application/json' },
        },
      ],
      { logLevel: 'debug', logger },
    );
    // What the caller gets is what the server said; the log is what must not show it.
    expect((await sdk.conversations.create()).title).toBe(KEY);
    const [attempt] = lines.filter((line) => line.level === 'debug');
    expect(attempt?.details[0]).toMatchObject({
      responseBody: { data: { conversation: { title: '[redacted]' } } },
    });
    // Decoded as a log pipeline would decode it: no key anywhere.
    const decoded = JSON.stringify(lines, (_, value) =>
      typeof value === 'string' && value.startsWith('{') ? JSON.parse(value) : value,
    );
    expect(decoded).not.toContain(KEY);
  });

  it('ignores a logger that throws: the outcome is what it would have been', async () => {
    const throwing: Logger = {
      debug: () => {
        throw new Error('log sink down');
      },
      info: () => {
        throw new Error('log sink down');
      },
      warn: () => {},
      error: () => {},
    };
    const { sdk, server } = await serveFaults([{ status: 503 }, created], {
      logLevel: 'debug',
      logger: throwing,
    });
    // A send the server stored resolves: a rejection here would make its caller send again.
    expect((await sdk.conversations.create({ title: 'Trip' })).id).toBe('conv_1');
    expect(server.requests).toHaveLength(2);
  });

  it('ignores a logger that throws while a stream opens', async () => {
    const throwing: Logger = {
      ...console,
      debug: () => {
        throw new Error('log sink down');
      },
    };
    const { sdk } = await serveFaults(
      [
        {
          status: 200,
          raw: new TextDecoder().decode(sseBody([content('Hi'), complete('Hi')])),
          headers: { 'content-type': 'text/event-stream' },
        },
      ],
      { logLevel: 'debug', logger: throwing },
    );
    const result = await sdk.messages.stream('conv_1', { content: 'Hello' });
    expect(result.message.content).toBe('Hi');
  });
});
