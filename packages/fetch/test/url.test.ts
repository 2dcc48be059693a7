import { describe, expect, it } from 'vitest';
import { buildUrl, serializeQuery } from '../src/index.js';

const BASE = 'http://127.0.0.1:9/api/v1';

describe('buildUrl', () => {
  it('puts each path parameter in its place, percent-encoded as one segment', () => {
    const url = buildUrl(BASE, '/conversations/{conversationId}/branches/{branchId}', {
      path: { conversationId: 'a/b?c#d', branchId: 'ünï %2e' },
    });
    expect(url).toBe(`${BASE}/conversations/a%2Fb%3Fc%23d/branches/%C3%BCn%C3%AF%20%252e`);
  });

  it('leaves a path without parameters as it is, and adds no empty query', () => {
    expect(buildUrl(BASE, '/autobranch/health')).toBe(`${BASE}/autobranch/health`);
    expect(buildUrl(BASE, '/conversations', { query: {} })).toBe(`${BASE}/conversations`);
  });

  it.each(['', '.', '..'])('refuses the path parameter %j, which would change the path', (id) => {
    expect(() =>
      buildUrl(BASE, '/conversations/{conversationId}', { path: { conversationId: id } }),
    ).toThrow(
      new TypeError(
        `Path parameter \`conversationId\` cannot be ${JSON.stringify(id)}: it would change the request path.`,
      ),
    );
  });

  it('refuses a missing path parameter instead of sending its placeholder', () => {
    expect(() =>
      buildUrl(BASE, '/conversations/{conversationId}/branches/{branchId}', {
        path: { conversationId: 'c1' } as never,
      }),
    ).toThrow(/^Path parameter `branchId` is missing/);
  });

  it('serialises the query as openapi-fetch does for form parameters', () => {
    const url = buildUrl(BASE, '/conversations', {
      query: { page: 2, filter: 'mine', search: 'a&b=c d', skipped: undefined, gone: null },
    });
    expect(url).toBe(`${BASE}/conversations?page=2&filter=mine&search=a%26b%3Dc%20d`);
  });
});

describe('serializeQuery', () => {
  it('repeats the name for each item of an array, and leaves out an empty one', () => {
    expect(serializeQuery({ id: ['a', 'b c'], none: [], flag: true })).toBe(
      'id=a&id=b%20c&flag=true',
    );
  });

  it('refuses an object value with a TypeError naming the parameter', () => {
    expect(() => serializeQuery({ filter: { a: 1 } as never })).toThrow(
      new TypeError('Query parameter `filter` must be a string, number or boolean.'),
    );
  });
});
