import { describe, expect, it } from 'vitest';
import { createMockApp } from '../../src/index.js';
import { expectMatchesSpec, setup } from '../helpers.js';

const BASE = 'https://api.chatroutes.com/api/v1';

describe('service behaviour', () => {
  it('requires Authorization: ApiKey <key> and answers 401 otherwise', async () => {
    const mock = createMockApp();
    for (const authorization of [undefined, 'Bearer abc', 'ApiKey', 'apikey', 'ApiKey a b']) {
      const response = await mock.fetch(`${BASE}/autobranch/health`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status, String(authorization)).toBe(401);
      const body = await response.json();
      expectMatchesSpec('autobranchHealth', 401, body);
      expect(body).toMatchObject({ success: false, code: 'UNAUTHORIZED' });
    }
  });

  it('accepts only the configured keys when given a set', async () => {
    const mock = createMockApp({ apiKeys: ['good'] });
    const asKey = (key: string) =>
      mock.fetch(`${BASE}/autobranch/health`, { headers: { authorization: `ApiKey ${key}` } });
    expect((await asKey('good')).status).toBe(200);
    expect((await asKey('bad')).status).toBe(401);
  });

  it('puts a distinct x-request-id on every response, errors included', async () => {
    const mock = createMockApp();
    const responses = [
      await mock.fetch(`${BASE}/autobranch/health`, { headers: { authorization: 'ApiKey k' } }),
      await mock.fetch(`${BASE}/autobranch/health`),
      await mock.fetch(`${BASE}/no/such/route`, { headers: { authorization: 'ApiKey k' } }),
      await mock.fetch('https://api.chatroutes.com/elsewhere'),
      await mock.fetch(`${BASE}/conversations`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
      }),
    ];
    const ids = responses.map((response) => response.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(/^req_[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const mock = createMockApp();
    const response = await mock.fetch(`${BASE}/conversations/x/nothing`, {
      headers: { authorization: 'ApiKey k' },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ success: false, code: 'NOT_FOUND' });
  });

  it('answers CORS preflights without a key and exposes the useful headers', async () => {
    const mock = createMockApp();
    const preflight = await mock.fetch(`${BASE}/conversations`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'idempotency-key',
    );

    const actual = await mock.fetch(`${BASE}/autobranch/health`, {
      headers: { authorization: 'ApiKey k', origin: 'http://localhost:5173' },
    });
    expect(actual.headers.get('access-control-allow-origin')).toBe('*');
    expect(actual.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });

  it('gives the same ids to the same requests under the same seed', async () => {
    const ids = async (seed: number) => {
      const { createConversation } = setup({ seed });
      return [(await createConversation()).id, (await createConversation()).id];
    };
    expect(await ids(7)).toEqual(await ids(7));
    expect(await ids(7)).not.toEqual(await ids(8));
  });

  it('answers the same bytes under the same seed and clock, responseTime included', async () => {
    const answers = async () => {
      const mock = createMockApp({
        seed: 3,
        // A paced stream takes real time: it would show in responseTime off this clock.
        streamDelayMs: 5,
        now: () => new Date(Date.UTC(2026, 0, 1)),
      });
      const headers = { authorization: 'ApiKey k', 'content-type': 'application/json' };
      const post = (path: string, body: object) =>
        mock.fetch(`${BASE}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      const { data } = await (await post('/conversations', {})).json();
      const path = `/conversations/${data.conversation.id}/messages`;
      const texts = [
        await (await post(path, { content: 'One' })).text(),
        await (await post(`${path}/stream`, { content: 'Two' })).text(),
      ];
      mock.close();
      return texts;
    };
    const first = await answers();
    expect(first[0]).toContain('"responseTime":0');
    expect(first[1]).toContain('"responseTime":0');
    expect(await answers()).toEqual(first);
  });
});
