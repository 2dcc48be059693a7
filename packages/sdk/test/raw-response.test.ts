import { describe, expect, it } from 'vitest';
import { APIPromise, ChatRoutes, NotFoundError } from '../src/index.js';
import * as fx from './support/fixtures.js';
import { json, type Step, scriptedFetch } from './support/scripted-fetch.js';

const BASE = 'https://api.test/api/v1';

function client(steps: Step[]) {
  const fake = scriptedFetch(steps);
  const sdk = new ChatRoutes({ apiKey: 'k', baseUrl: BASE, retryDelay: 1, fetch: fake.fetch });
  return { sdk, calls: fake.calls };
}

const conversation = () =>
  json(200, fx.ok({ conversation: fx.conversation() }), { 'x-request-id': 'req_1' });

describe('.withResponse() and .asResponse() on every method', () => {
  it('withResponse gives the result, the very response fetch returned, and its request id', async () => {
    const answer = conversation();
    const { sdk } = client([answer]);
    const pending = sdk.conversations.get('conv_1');
    expect(pending).toBeInstanceOf(APIPromise);
    expect(pending).toBeInstanceOf(Promise);
    const { data, response, requestId } = await pending.withResponse();
    expect(data).toEqual(fx.conversation());
    // The pipeline neither rebuilds the Response nor lets openapi-fetch parse it again.
    expect(response).toBe(answer);
    expect(requestId).toBe('req_1');
  });

  it('asResponse gives the raw response with its body unread', async () => {
    const { sdk } = client([conversation()]);
    const response = await sdk.conversations.get('conv_1').asResponse();
    expect(response.status).toBe(200);
    expect(response.bodyUsed).toBe(false);
    expect(response.headers.get('x-request-id')).toBe('req_1');
    expect(await response.json()).toEqual(fx.ok({ conversation: fx.conversation() }));
  });

  it('awaiting, then, catch, finally, withResponse and asResponse share one request', async () => {
    const { sdk, calls } = client([conversation()]);
    const pending = sdk.conversations.get('conv_1');
    let settled = false;
    const [value, withResponse, raw] = await Promise.all([
      pending.finally(() => {
        settled = true;
      }),
      pending.withResponse(),
      pending.asResponse(),
    ]);
    expect(value).toEqual(withResponse.data);
    expect(raw.status).toBe(200);
    expect(settled).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('rejects every form with the same typed error', async () => {
    const { sdk } = client([
      json(404, { success: false, error: 'gone' }, { 'x-request-id': 'req_404' }),
    ]);
    const pending = sdk.conversations.get('conv_1');
    const errors = await Promise.all([
      pending.catch((e: unknown) => e),
      pending.withResponse().catch((e: unknown) => e),
      pending.asResponse().catch((e: unknown) => e),
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ requestId: 'req_404' });
    }
    expect(errors[1]).toBe(errors[0]);
  });

  it('works for a body-less delete and for helpers that chain calls', async () => {
    const { sdk } = client([
      new Response(null, { status: 204, headers: { 'x-request-id': 'req_del' } }),
      json(200, fx.ok({ branches: [fx.branch('br_main', true)] })),
      json(200, fx.ok({ messages: [fx.message('msg_1')] })),
      json(201, fx.ok({ checkpoint: fx.checkpoint('cp_1') }), { 'x-request-id': 'req_cp' }),
    ]);
    const deleted = await sdk.messages.delete('m1').withResponse();
    expect(deleted).toMatchObject({ data: undefined, requestId: 'req_del' });
    const created = await sdk.checkpoints.createAtLatest('conv_1').withResponse();
    expect(created.data.id).toBe('cp_1');
    // The response of a helper is that of its last call, the one that made the result.
    expect(created.requestId).toBe('req_cp');
    expect(created.response.status).toBe(201);
  });

  it('a helper refusing its arguments rejects every form, before any request', async () => {
    const { sdk, calls } = client([]);
    await expect(sdk.autobranch.analyzeText('').withResponse()).rejects.toThrow(/text must be/);
    await expect(sdk.autobranch.analyzeText('')).rejects.toThrow(/text must be/);
    expect(calls).toHaveLength(0);
  });
});

describe('the page promise of conversations.list', () => {
  const page = (n: number, ids: string[], hasNext: boolean) =>
    json(
      200,
      { conversations: ids.map((id) => fx.conversation(id)), total: 3, page: n, limit: 2, hasNext },
      { 'x-request-id': `req_p${n}` },
    );

  it('keeps await and for await, and gains withResponse and asResponse', async () => {
    const { sdk, calls } = client([page(1, ['a', 'b'], true), page(2, ['c'], false)]);
    const list = sdk.conversations.list({ limit: 2 });
    const { data: first, requestId } = await list.withResponse();
    expect(first.data.map((c) => c.id)).toEqual(['a', 'b']);
    expect(requestId).toBe('req_p1');
    expect((await list).page).toBe(1);
    const next = await first.nextPage().withResponse();
    expect(next.requestId).toBe('req_p2');
    expect(calls).toHaveLength(2);
  });

  it('asResponse gives the first page unread', async () => {
    const { sdk } = client([page(1, ['a'], false)]);
    const response = await sdk.conversations.list().asResponse();
    expect((await response.json()).conversations).toHaveLength(1);
  });
});
