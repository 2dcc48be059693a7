import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AuthenticationError,
  ChatRoutes,
  ChatRoutesError,
  type ClientOptions,
  NetworkError,
  NotFoundError,
} from '../src/index.js';
import * as fx from './support/fixtures.js';
import { json, type Step, scriptedFetch } from './support/scripted-fetch.js';

const KEY = 'cr_live_0123456789abcdef';
const BASE = 'https://api.test/api/v1';

function client(steps: Step[], options: ClientOptions = {}) {
  const fake = scriptedFetch(steps);
  const sdk = new ChatRoutes({
    apiKey: KEY,
    baseUrl: BASE,
    retryDelay: 1,
    fetch: fake.fetch,
    ...options,
  });
  return { sdk, calls: fake.calls };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('client options', () => {
  it('reads the key and base URL from the environment, tolerating a trailing slash', async () => {
    vi.stubEnv('CHATROUTES_API_KEY', KEY);
    vi.stubEnv('CHATROUTES_BASE_URL', 'https://env.test/api/v1/');
    const fake = scriptedFetch([json(200, fx.ok({ conversation: fx.conversation() }))]);
    const sdk = new ChatRoutes({ fetch: fake.fetch });
    await sdk.conversations.get('conv_1');
    expect(fake.calls[0]?.url).toBe('https://env.test/api/v1/conversations/conv_1');
    expect(fake.calls[0]?.headers.get('authorization')).toBe(`ApiKey ${KEY}`);
    expect(sdk.baseUrl).toBe('https://env.test/api/v1');
  });

  it('treats a variable the runtime refuses to read (Deno without --allow-env) as unset', () => {
    const realEnv = process.env;
    const refusing = new Proxy(realEnv, {
      get(target, name) {
        if (typeof name === 'string' && name.startsWith('CHATROUTES_')) {
          throw Object.assign(new Error(`Requires env access to "${name}"`), {
            name: 'NotCapable',
          });
        }
        return Reflect.get(target, name);
      },
    });
    process.env = refusing;
    try {
      const sdk = new ChatRoutes({ apiKey: KEY });
      expect(sdk.baseUrl).toBe('https://api.chatroutes.com/api/v1');
    } finally {
      process.env = realEnv;
    }
  });

  it('defaults to the production base URL', () => {
    vi.stubEnv('CHATROUTES_BASE_URL', '');
    expect(new ChatRoutes({ apiKey: KEY }).baseUrl).toBe('https://api.chatroutes.com/api/v1');
  });

  it('refuses to start without a key, saying where to put one', () => {
    vi.stubEnv('CHATROUTES_API_KEY', '');
    expect(() => new ChatRoutes()).toThrow(/apiKey.*CHATROUTES_API_KEY/);
    expect(() => new ChatRoutes({ apiKey: '' })).toThrow(
      /options\.apiKey must be a non-empty string/,
    );
  });

  it.each([
    [{ timeout: -1 }, /options\.timeout must be a positive number of ms up to 2147483647, got -1/],
    [{ timeout: 0 }, /options\.timeout/],
    [{ retryAttempts: 1.5 }, /options\.retryAttempts must be an integer >= 0, got 1\.5/],
    [{ retryAttempts: -1 }, /options\.retryAttempts/],
    [{ retryDelay: Number.NaN }, /options\.retryDelay/],
    [{ baseUrl: 'api.chatroutes.com' }, /options\.baseUrl must be an absolute http\(s\) URL/],
    [{ defaultHeaders: 'x' }, /options\.defaultHeaders must be an object/],
    [{ fetch: 'nope' }, /options\.fetch must be a function/],
  ])('refuses %o with a message naming the option', (options, message) => {
    expect(() => new ChatRoutes({ apiKey: KEY, ...(options as ClientOptions) })).toThrow(message);
  });

  it.each([
    ['timeout', { timeout: 2 ** 31 }],
    ['retryDelay', { retryDelay: 2 ** 31 }],
  ])('refuses a %s a timer cannot honour (above 2^31-1 ms)', (name, options) => {
    expect(() => new ChatRoutes({ apiKey: KEY, ...options })).toThrow(RangeError);
    expect(() => new ChatRoutes({ apiKey: KEY, ...options })).toThrow(
      new RegExp(
        `^options\\.${name} must be a [a-z-]+ number of ms up to 2147483647, got 2147483648$`,
      ),
    );
    expect(() => new ChatRoutes({ apiKey: KEY, [name]: 2 ** 31 - 1 })).not.toThrow();
  });

  it.each([
    ['a query', 'https://api.test/api/v1?tenant=a', /without a \?query or #fragment \(every/],
    ['an empty query', 'https://api.test/api/v1?', /without a \?query/],
    ['a fragment', 'https://api.test/api/v1#top', /without a \?query or #fragment \(every/],
    ['credentials', 'https://admin:hunter2@api.test/api/v1', /must not contain credentials/],
    ['a user name', 'https://hunter2@api.test/api/v1', /must not contain credentials/],
  ])('refuses a baseUrl with %s, without echoing it', (_, baseUrl, message) => {
    const error = (() => {
      try {
        new ChatRoutes({ apiKey: KEY, baseUrl });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/^options\.baseUrl/);
    for (const text of [String(error), inspect(error, { depth: 10 })]) {
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('tenant');
    }
  });

  it('names CHATROUTES_BASE_URL when the bad base URL comes from there', () => {
    vi.stubEnv('CHATROUTES_BASE_URL', 'https://u:hunter2@env.test/api/v1');
    expect(() => new ChatRoutes({ apiKey: KEY })).toThrow(
      /^CHATROUTES_BASE_URL must not contain credentials/,
    );
  });

  it.each([
    ['a trailing newline', `${KEY}\n`, 24],
    ['a NUL', `cr_live_\u0000${KEY}`, 8],
    ['a space', `cr live ${KEY}`, 2],
    ['a non-ASCII letter', `cré_${KEY}`, 2],
  ])('refuses a key with %s at construction, without echoing it', (_, apiKey, position) => {
    const error = (() => {
      try {
        new ChatRoutes({ apiKey });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(
      new RegExp(`^options\\.apiKey contains a character .* at position ${position}`),
    );
    // The hint a reader needs most: where such a character usually comes from.
    expect((error as Error).message).toMatch(/A trailing newline from a file is the usual cause/);
    expect(String(error)).not.toContain(KEY);
    expect(String(error)).not.toContain('cr_live');
  });

  it('names CHATROUTES_API_KEY when the bad key comes from there', () => {
    vi.stubEnv('CHATROUTES_API_KEY', `${KEY} x`);
    expect(() => new ChatRoutes()).toThrow(/^CHATROUTES_API_KEY contains a character/);
  });

  it('sends default headers, and per-call headers over them', async () => {
    const { sdk, calls } = client(
      [json(200, fx.ok({ status: 'ok', version: '1', service: 'a' }))],
      {
        defaultHeaders: { 'x-app': 'demo', 'x-env': 'test' },
      },
    );
    await sdk.autobranch.health({ headers: { 'x-env': 'call' } });
    expect(calls[0]?.headers.get('x-app')).toBe('demo');
    expect(calls[0]?.headers.get('x-env')).toBe('call');
  });
});

describe('argument validation happens before any request', () => {
  const { sdk, calls } = client([]);
  it.each([
    [
      'conversations.get',
      () => sdk.conversations.get(''),
      /conversationId must be a non-empty string/,
    ],
    [
      'conversations.get(42)',
      () => sdk.conversations.get(42 as never),
      /conversationId must be a non-empty string, got 42/,
    ],
    ['messages.send', () => sdk.messages.send('c', { content: '' }), /data\.content/],
    ['messages.update', () => sdk.messages.update(' ', { content: 'x' }), /messageId/],
    ['branches.update', () => sdk.branches.update('c', '', {}), /branchId/],
    ['branches.fork', () => sdk.branches.fork('c', {} as never), /data\.forkPointMessageId/],
    ['checkpoints.create', () => sdk.checkpoints.create('c', 'b', ''), /anchorMessageId/],
    ['checkpoints.recreate', () => sdk.checkpoints.recreate(null as never), /checkpointId.*null/],
    ['autobranch.analyzeText', () => sdk.autobranch.analyzeText(''), /text must be/],
    [
      'conversations.update',
      () => sdk.conversations.update('c', null as never),
      /data must be an object/,
    ],
    ['per-call timeout', () => sdk.conversations.get('c', { timeout: -5 }), /options\.timeout/],
    [
      'per-call timeout above 2^31-1 ms',
      () => sdk.conversations.get('c', { timeout: 2 ** 31 }),
      /options\.timeout must be a positive number of ms up to 2147483647, got 2147483648/,
    ],
    [
      'per-call retryDelay above 2^31-1 ms',
      () => sdk.conversations.get('c', { retryDelay: 2 ** 31 }),
      /options\.retryDelay must be a non-negative number of ms up to 2147483647, got 2147483648/,
    ],
    ['per-call retryDelay', () => sdk.conversations.get('c', { retryDelay: -1 }), /retryDelay/],
    [
      'a stream idleTimeout above 2^31-1 ms',
      async () => sdk.messages.stream('c', { content: 'Hi' }, { idleTimeout: 2 ** 31 }),
      /idleTimeout must be a positive number of ms up to 2147483647, got 2147483648/,
    ],
    [
      'list page "1"',
      async () => sdk.conversations.list({ page: '1' as never }),
      /params\.page must be an integer >= 1, got string/,
    ],
    [
      'list page 0',
      async () => sdk.conversations.list({ page: 0 }),
      /params\.page must be an integer >= 1, got 0/,
    ],
    [
      'list limit 2.5',
      async () => sdk.conversations.list({ limit: 2.5 }),
      /params\.limit must be an integer >= 1, got 2\.5/,
    ],
  ])('%s', async (_, call, message) => {
    await expect(call()).rejects.toThrow(message);
    expect(calls).toHaveLength(0);
  });

  it('never echoes the rejected value (it could be a secret)', async () => {
    await expect(sdk.conversations.get('   ')).rejects.toThrow('got string');
  });
});

describe('the API key stays in the Authorization header', () => {
  it('is absent from inspect, JSON and String of the client', () => {
    const { sdk } = client([]);
    for (const text of [
      inspect(sdk, { depth: 10, showHidden: true }),
      JSON.stringify(sdk),
      String(sdk),
    ]) {
      expect(text).not.toContain(KEY);
    }
    expect(inspect(sdk)).toContain(BASE);
    expect(inspect(sdk.conversations, { depth: 10, showHidden: true })).not.toContain(KEY);
  });

  it('is absent from every error, even when the server echoes it', async () => {
    const { sdk } = client(
      [
        json(401, { success: false, error: `Bad key ${KEY}`, details: { got: `ApiKey ${KEY}` } }),
        new TypeError('fetch failed'),
      ],
      { retryAttempts: 0 },
    );
    const errors = [
      await sdk.conversations.get('c').catch((e: unknown) => e),
      await sdk.conversations.get('c').catch((e: unknown) => e),
    ];
    expect(errors[0]).toBeInstanceOf(AuthenticationError);
    expect(errors[1]).toBeInstanceOf(NetworkError);
    for (const error of errors) {
      for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 10 })]) {
        expect(text).not.toContain(KEY);
      }
    }
  });
});

describe('path parameters are percent-encoded', () => {
  it.each([
    ['../admin', '..%2Fadmin'],
    ['a/b', 'a%2Fb'],
    ['x?admin=1', 'x%3Fadmin%3D1'],
    ['x#frag', 'x%23frag'],
    ['%2e%2e', '%252e%252e'],
    ['spa ce', 'spa%20ce'],
    ['ünï', '%C3%BCn%C3%AF'],
  ])('%s stays one segment', async (id, encoded) => {
    const { sdk, calls } = client([json(200, fx.ok({ messages: [] }))]);
    await sdk.branches.getMessages('conv_1', id);
    expect(calls[0]?.url).toBe(`${BASE}/conversations/conv_1/branches/${encoded}/messages`);
  });

  it.each(['.', '..'])('refuses the dot segment %s', async (id) => {
    const { sdk, calls } = client([]);
    await expect(sdk.conversations.delete(id)).rejects.toThrow(TypeError);
    expect(calls).toHaveLength(0);
  });
});

describe('responses', () => {
  it('unwraps the envelope to the resource', async () => {
    const { sdk, calls } = client([
      json(201, fx.ok({ conversation: fx.conversation('c9', 'New') })),
    ]);
    const created = await sdk.conversations.create({ title: 'New', model: 'gpt-5' });
    expect(created).toEqual(fx.conversation('c9', 'New'));
    expect(calls[0]?.method).toBe('POST');
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ title: 'New', model: 'gpt-5' });
    expect(calls[0]?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('returns nothing for a delete', async () => {
    const { sdk, calls } = client([json(200, { success: true })]);
    await expect(sdk.messages.delete('m1')).resolves.toBeUndefined();
    expect(calls[0]?.method).toBe('DELETE');
    expect(calls[0]?.url).toBe(`${BASE}/messages/m1`);
  });

  it('fails loudly when the promised field is missing', async () => {
    const { sdk } = client([json(200, { success: true, data: {} })]);
    const error = await sdk.conversations.get('c').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatRoutesError);
    expect(error).toMatchObject({ code: 'invalid_response' });
  });

  it('normalises an older server’s assistantMessage to message', async () => {
    const reply = fx.message('m2', 'assistant', 'Hello');
    const { sdk } = client([
      json(
        200,
        fx.ok({
          userMessage: fx.message('m1'),
          assistantMessage: reply,
          usage: fx.usage,
          model: 'gpt-5-2025-08-07',
        }),
      ),
    ]);
    const sent = await sdk.messages.send('conv_1', { content: 'Hi' });
    expect(sent.message).toEqual(reply);
    expect(sent.usage).toEqual(fx.usage);
    expect(sent.model).toBe('gpt-5-2025-08-07');
  });
});

describe('options given as undefined', () => {
  it('mean the default, for the client, a call and a stream alike', async () => {
    const { sdk, calls } = client(
      [json(503, {}), json(200, fx.ok({ conversation: fx.conversation() }))],
      { timeout: undefined, retryAttempts: undefined, logger: undefined, middleware: undefined },
    );
    const options = { signal: undefined, timeout: undefined, idempotencyKey: undefined };
    await expect(sdk.conversations.get('conv_1', options)).resolves.toMatchObject({ id: 'conv_1' });
    // The default retryAttempts (3) covered the 503.
    expect(calls).toHaveLength(2);
    expect(() =>
      sdk.messages.stream(
        'conv_1',
        { content: 'Hi' },
        { onChunk: undefined, idleTimeout: undefined },
      ),
    ).not.toThrow();
  });
});

describe('request options', () => {
  it('uses the caller’s Idempotency-Key on every retry', async () => {
    const { sdk, calls } = client([
      json(503, {}),
      json(200, fx.ok({ message: fx.message('m2', 'assistant'), usage: fx.usage, model: 'm' })),
    ]);
    await sdk.branches.sendMessage(
      'conv_1',
      'br_2',
      { content: 'Hi' },
      { idempotencyKey: 'send-1' },
    );
    expect(calls.map((call) => call.headers.get('idempotency-key'))).toEqual(['send-1', 'send-1']);
    expect(calls[0]?.url).toBe(`${BASE}/conversations/conv_1/branches/br_2/messages`);
  });

  it('overrides retryAttempts per call', async () => {
    const { sdk, calls } = client([json(503, {}), json(200, fx.ok({ branches: [] }))]);
    await expect(sdk.branches.list('c', { retryAttempts: 0 })).rejects.toMatchObject({
      status: 503,
    });
    expect(calls).toHaveLength(1);
  });

  it('overrides retryDelay per call', async () => {
    // A client backoff of 20 s would outlive the test; the call's 1 ms does not.
    const { sdk, calls } = client([json(503, {}), json(200, fx.ok({ branches: [] }))], {
      retryDelay: 20_000,
    });
    await expect(sdk.branches.list('c', { retryDelay: 1 })).resolves.toEqual([]);
    expect(calls).toHaveLength(2);
  });

  it('overrides retryDelay per call for a stream, before its headers too', async () => {
    const complete = {
      type: 'complete',
      message: fx.message('m2', 'assistant', 'Hi'),
      usage: fx.usage,
      model: 'gpt-5-2025-08-07',
    };
    const sse = new Response(`data: ${JSON.stringify(complete)}\n\n`, {
      headers: { 'content-type': 'text/event-stream' },
    });
    // The 503 is retried by the pipeline, before any stream exists: with the client's 20 s
    // backoff this would outlive the test.
    const { sdk, calls } = client([json(503, {}), sse], { retryDelay: 20_000 });
    const result = await sdk.messages.stream('conv_1', { content: 'Hi' }, { retryDelay: 1 });
    expect(result.message.content).toBe('Hi');
    expect(calls).toHaveLength(2);
  });

  it('passes the caller’s signal through', async () => {
    const { sdk, calls } = client(['hang']);
    const controller = new AbortController();
    const pending = sdk.conversations
      .get('c', { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    controller.abort();
    expect(await pending).toMatchObject({ name: 'AbortError' });
  });

  it('times out per call', async () => {
    const { sdk } = client(['hang'], { retryAttempts: 0 });
    const error = await sdk.conversations.get('c', { timeout: 20 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TimeoutError' });
  });
});

describe('pagination', () => {
  const page = (n: number, ids: string[], total: number, hasNext?: boolean) =>
    json(200, {
      conversations: ids.map((id) => fx.conversation(id)),
      total,
      page: n,
      limit: 2,
      ...(hasNext !== undefined && { hasNext }),
    });

  it('awaits to the first page, with a way to the next', async () => {
    const { sdk, calls } = client([page(1, ['a', 'b'], 3, true), page(2, ['c'], 3, false)]);
    const first = await sdk.conversations.list({ limit: 2, filter: 'owned' });
    expect(first.data.map((c) => c.id)).toEqual(['a', 'b']);
    expect(first).toMatchObject({ total: 3, page: 1, limit: 2, hasNext: true });
    expect(calls[0]?.url).toBe(`${BASE}/conversations?limit=2&filter=owned`);
    const second = await first.nextPage();
    expect(second.data.map((c) => c.id)).toEqual(['c']);
    expect(calls[1]?.url).toBe(`${BASE}/conversations?limit=2&filter=owned&page=2`);
    await expect(second.nextPage()).rejects.toThrow(/last page/);
  });

  it('iterates every conversation of every page with for await', async () => {
    // The last page omits hasNext: the counts say it is the last.
    const { sdk, calls } = client([
      page(1, ['a', 'b'], 5, true),
      page(2, ['c', 'd'], 5, true),
      page(3, ['e'], 5),
    ]);
    const ids: string[] = [];
    for await (const conversation of sdk.conversations.list({ limit: 2 }))
      ids.push(conversation.id);
    expect(ids).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(calls).toHaveLength(3);
  });

  it('ends a walk whose server keeps answering page 1 with hasNext: true', async () => {
    const same = () => page(1, ['a', 'b'], 10, true);
    const { sdk, calls } = client([same(), same(), same(), same()]);
    const ids: string[] = [];
    const walk = (async () => {
      for await (const conversation of sdk.conversations.list({ limit: 2 })) {
        ids.push(conversation.id);
      }
    })();
    await expect(walk).rejects.toMatchObject({
      name: 'ChatRoutesError',
      code: 'pagination_stalled',
      message: 'Asked for page 2, the server answered page 1: the list does not advance',
    });
    expect(ids).toEqual(['a', 'b']);
    expect(calls).toHaveLength(2);
  });

  it('numbers the next page from the page asked for, never by string concatenation', async () => {
    const { sdk, calls } = client([page(1, ['a', 'b'], 4, true), page(2, ['c', 'd'], 4, false)]);
    const ids: string[] = [];
    for await (const conversation of sdk.conversations.list({ page: 1, limit: 2 })) {
      ids.push(conversation.id);
    }
    expect(ids).toEqual(['a', 'b', 'c', 'd']);
    expect(calls.map((call) => new URL(call.url).searchParams.get('page'))).toEqual(['1', '2']);
  });

  it('refuses a page whose counts are not integers', async () => {
    const { sdk } = client([
      json(200, { conversations: [fx.conversation('a')], total: 3, page: '1', limit: 2 }),
    ]);
    await expect(sdk.conversations.list()).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('sends nothing until awaited or iterated, and stops on an empty page', async () => {
    const { sdk, calls } = client([page(1, [], 10, true)]);
    const list = sdk.conversations.list();
    expect(calls).toHaveLength(0);
    const ids: string[] = [];
    for await (const conversation of list) ids.push(conversation.id);
    expect(ids).toEqual([]);
    expect(calls).toHaveLength(1);
  });
});

describe('helpers', () => {
  it('branches.main finds the main branch, or says there is none', async () => {
    const { sdk } = client([
      json(200, fx.ok({ branches: [fx.branch('br_2'), fx.branch('br_main', true)] })),
      json(200, fx.ok({ branches: [fx.branch('br_2')] })),
    ]);
    expect((await sdk.branches.main('conv_1')).id).toBe('br_main');
    await expect(sdk.branches.main('conv_1')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('checkpoints.createAtLatest anchors at the last message of the main branch', async () => {
    const { sdk, calls } = client([
      json(200, fx.ok({ branches: [fx.branch('br_main', true)] })),
      json(200, fx.ok({ messages: [fx.message('msg_1'), fx.message('msg_2', 'assistant')] })),
      json(201, fx.ok({ checkpoint: fx.checkpoint('cp_1') })),
    ]);
    const created = await sdk.checkpoints.createAtLatest('conv_1');
    expect(created.id).toBe('cp_1');
    expect(calls[1]?.url).toBe(`${BASE}/conversations/conv_1/branches/br_main/messages`);
    expect(JSON.parse(calls[2]?.body ?? '')).toEqual({
      branchId: 'br_main',
      anchorMessageId: 'msg_2',
    });
  });

  it('checkpoints.createAtLatest on a given branch, refusing an empty one', async () => {
    const { sdk, calls } = client([json(200, fx.ok({ messages: [] }))]);
    await expect(
      sdk.checkpoints.createAtLatest('conv_1', { branchId: 'br_2' }),
    ).rejects.toMatchObject({
      code: 'empty_branch',
    });
    expect(calls).toHaveLength(1);
  });

  it('checkpoints.latest picks the newest of the branch', async () => {
    const { sdk, calls } = client([
      json(
        200,
        fx.ok({
          checkpoints: [
            fx.checkpoint('old', '2026-01-01T00:00:00Z'),
            fx.checkpoint('new', '2026-03-01T00:00:00Z'),
            fx.checkpoint('mid', '2026-02-01T00:00:00Z'),
          ],
        }),
      ),
      json(200, fx.ok({ checkpoints: [] })),
    ]);
    expect((await sdk.checkpoints.latest('conv_1', { branchId: 'br_2' }))?.id).toBe('new');
    expect(calls[0]?.url).toBe(`${BASE}/conversations/conv_1/checkpoints?branchId=br_2`);
    expect(await sdk.checkpoints.latest('conv_1', { branchId: 'br_2' })).toBeUndefined();
  });

  it('autobranch.analyzeText sends the text and detection settings only', async () => {
    const { sdk, calls } = client([
      json(
        200,
        fx.ok({
          suggestions: [],
          metadata: { detectionMethod: 'pattern', totalBranchPointsFound: 0, modelUsed: null },
        }),
      ),
    ]);
    const result = await sdk.autobranch.analyzeText('Paris or Rome?', { suggestionsCount: 2 });
    expect(result.metadata.detectionMethod).toBe('pattern');
    expect(calls[0]?.url).toBe(`${BASE}/autobranch/suggest-branches`);
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({
      text: 'Paris or Rome?',
      suggestionsCount: 2,
    });
  });
});
