import { describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  ChatRoutes,
  type Middleware,
  NotFoundError,
  ServerError,
  TimeoutError,
} from '../../src/index.js';
import { faultClient } from '../support/fault-server.js';
import * as fx from '../support/fixtures.js';

const serve = faultClient({ retryDelay: 1 });

const created = { status: 201, body: fx.ok({ conversation: fx.conversation() }) };

describe('middleware', () => {
  it('runs once per attempt inside the retry loop, with one Idempotency-Key', async () => {
    const seen: Array<string | null> = [];
    const counting: Middleware = (request, next) => {
      seen.push(request.headers.get('idempotency-key'));
      return next(request);
    };
    const { sdk, server } = await serve([{ status: 503 }, { status: 503 }, created], {
      middleware: [counting],
    });
    await sdk.conversations.create({ title: 'Trip' });
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(1);
    expect(seen[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.requests.map((r) => r.body)).toEqual(Array(3).fill('{"title":"Trip"}'));
  });

  it('runs in order and may change the request', async () => {
    const order: string[] = [];
    const tag =
      (name: string): Middleware =>
      (request, next) => {
        order.push(name);
        const headers = new Headers(request.headers);
        headers.set(`x-${name}`, '1');
        return next(new Request(request, { headers }));
      };
    const { sdk, server } = await serve([created], { middleware: [tag('outer'), tag('inner')] });
    await sdk.conversations.create();
    expect(order).toEqual(['outer', 'inner']);
    expect(server.requests[0]?.headers).toMatchObject({ 'x-outer': '1', 'x-inner': '1' });
    expect(server.requests[0]?.headers['idempotency-key']).toBeTruthy();
  });

  it('may answer on its own; its Response is mapped like any other', async () => {
    const cached = Response.json(fx.ok({ conversation: fx.conversation('cached') }));
    const missing = Response.json({ success: false, error: 'not here' }, { status: 404 });
    const { sdk, server } = await serve([], {
      middleware: [(request) => Promise.resolve(request.method === 'GET' ? missing : cached)],
    });
    expect((await sdk.conversations.create()).id).toBe('cached');
    await expect(sdk.conversations.get('x')).rejects.toBeInstanceOf(NotFoundError);
    expect(server.requests).toHaveLength(0);
  });

  it('may call next more than once', async () => {
    const twice: Middleware = async (request, next) => {
      const first = await next(request.clone());
      if (first.status !== 422) return first;
      return next(request);
    };
    const { sdk, server } = await serve([{ status: 422, body: { success: false } }, created], {
      middleware: [twice],
      retryAttempts: 0,
    });
    expect((await sdk.conversations.create({ title: 'T' })).id).toBe('conv_1');
    expect(server.requests.map((r) => r.body)).toEqual(['{"title":"T"}', '{"title":"T"}']);
  });

  it('a failing fetch under it is retried; an error it throws itself is not', async () => {
    let attempts = 0;
    const { sdk, server } = await serve(['reset', created], {
      middleware: [
        (request, next) => {
          attempts++;
          return next(request);
        },
      ],
    });
    expect((await sdk.conversations.create()).id).toBe('conv_1');
    expect(attempts).toBe(2);
    expect(server.requests).toHaveLength(2);

    const broken = new ChatRoutes({
      apiKey: 'k',
      baseUrl: `${server.url}/api/v1`,
      middleware: [
        () => {
          attempts++;
          throw new TypeError('middleware bug');
        },
      ],
    });
    await expect(broken.conversations.get('c')).rejects.toThrow('middleware bug');
    expect(attempts).toBe(3);
  });

  it('a status it makes up is retried like a real one', async () => {
    let calls = 0;
    const { sdk } = await serve([], {
      retryAttempts: 2,
      middleware: [
        async () => {
          calls++;
          return new Response('busy', { status: 503 });
        },
      ],
    });
    await expect(sdk.conversations.get('c')).rejects.toBeInstanceOf(ServerError);
    expect(calls).toBe(3);
  });

  it.each([
    ['undefined', undefined, /returned undefined, not a Response/],
    ['null', null, /returned null, not a Response/],
    ['a string', 'ok', /returned a string, not a Response/],
    ['a plain object', { status: 200 }, /returned an object, not a Response/],
  ])('that returns %s fails the call at once, unretried', async (_, value, message) => {
    let calls = 0;
    const { sdk, server } = await serve([], {
      middleware: [
        async () => {
          calls++;
          return value as never;
        },
      ],
    });
    const failure = sdk.conversations.create({ title: 'T' });
    await expect(failure).rejects.toBeInstanceOf(TypeError);
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toThrow(/options\.middleware\[0\].*no Response came back/);
    expect(calls).toBe(1);
    expect(server.requests).toHaveLength(0);
  });

  it('names the inner middleware whose answer was no Response', async () => {
    const { sdk } = await serve([], {
      middleware: [(request, next) => next(request), async () => undefined as never],
    });
    await expect(sdk.conversations.get('c')).rejects.toThrow(/options\.middleware\[1\] returned/);
  });

  it('that stalls cannot hold back the timeout or the caller’s abort', async () => {
    const stalled: Middleware = () => new Promise<Response>(() => {});
    const { sdk } = await serve([], { middleware: [stalled], retryAttempts: 0 });
    const timedOut = await sdk.conversations.get('c', { timeout: 50 }).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(TimeoutError);

    const controller = new AbortController();
    const aborted = sdk.conversations.get('c', { signal: controller.signal, timeout: 60_000 });
    setTimeout(() => controller.abort(), 20);
    await expect(aborted).rejects.toBeInstanceOf(AbortError);
  });

  it('that answers after its attempt timed out has its Response dropped, its body cancelled', async () => {
    let cancelled = false;
    const late = new Response(
      new ReadableStream({
        cancel() {
          cancelled = true;
        },
      }),
    );
    const slow: Middleware = () =>
      new Promise((resolve) => {
        setTimeout(() => resolve(late), 80);
      });
    const { sdk } = await serve([], { middleware: [slow], retryAttempts: 0 });
    await expect(sdk.conversations.get('c', { timeout: 20 })).rejects.toBeInstanceOf(TimeoutError);
    await vi.waitFor(() => expect(cancelled).toBe(true));
  });

  it('is refused at construction unless it is an array of functions', () => {
    expect(() => new ChatRoutes({ apiKey: 'k', middleware: [{}] as never })).toThrow(
      /options\.middleware must be an array of functions/,
    );
  });
});

describe('fetchOptions', () => {
  it('merges the client’s and the call’s into every fetch, the call’s winning', async () => {
    const inits: RequestInit[] = [];
    const recording: typeof fetch = (input, init) => {
      inits.push(init ?? {});
      return fetch(input, init);
    };
    const { sdk } = await serve([created, created], {
      fetch: recording,
      fetchOptions: { keepalive: true, priority: 'low', cache: 'no-store' },
    });
    await sdk.conversations.create();
    await sdk.conversations.create({}, { fetchOptions: { priority: 'high' } });
    expect(inits[0]).toMatchObject({ keepalive: true, priority: 'low', cache: 'no-store' });
    expect(inits[1]).toMatchObject({ keepalive: true, priority: 'high', cache: 'no-store' });
    expect(inits[0]?.redirect).toBe('manual');
  });

  it('reach fetch under middleware too, as its second argument', async () => {
    const seen: unknown[] = [];
    const recording: typeof fetch = (input, init) => {
      seen.push(init);
      return fetch(input, init);
    };
    const { sdk } = await serve([created], {
      fetch: recording,
      fetchOptions: { keepalive: true },
      middleware: [(request, next) => next(request)],
    });
    await sdk.conversations.create();
    expect(seen).toEqual([{ keepalive: true }]);
  });

  it.each(['method', 'headers', 'body', 'signal', 'redirect'])(
    'cannot replace %s, which the SDK sets',
    async (key) => {
      expect(() => new ChatRoutes({ apiKey: 'k', fetchOptions: { [key]: undefined } })).toThrow(
        new RegExp(
          `options\\.fetchOptions\\.${key} cannot be set: the SDK sets it \\(use headers/defaultHeaders, signal\\)`,
        ),
      );
      const sdk = new ChatRoutes({ apiKey: 'k', baseUrl: 'https://api.test' });
      await expect(
        sdk.conversations.get('c', { fetchOptions: { [key]: undefined } }),
      ).rejects.toThrow(/options\.fetchOptions\..* cannot be set/);
    },
  );
});

describe('the User-Agent', () => {
  it('names the SDK, its version from package.json, and the runtime', async () => {
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
    const { sdk, server } = await serve([created]);
    await sdk.conversations.create();
    expect(server.requests[0]?.headers['user-agent']).toBe(
      `chatroutes-typescript/${version} (node/${process.versions.node})`,
    );
  });

  it('gives way to one set in defaultHeaders', async () => {
    const { sdk, server } = await serve([created], { defaultHeaders: { 'User-Agent': 'mine/1' } });
    await sdk.conversations.create();
    expect(server.requests[0]?.headers['user-agent']).toBe('mine/1');
  });
});
