import { httpMethods, loadSpec } from '@chatroutes/openapi';
import { describe, expect, it } from 'vitest';
import {
  buildUrl,
  createClient,
  type paths,
  type QueryParams,
  serializeQuery,
} from '../src/index.js';

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

describe('one URL serialiser', () => {
  // Values that tell serialisers apart: reserved characters, non-ASCII, numbers, booleans.
  const pathValue = 'a/b ?#&=ü%2e';
  const queryValue = (schema: { type?: string } | undefined): QueryParams[string] => {
    if (schema?.type === 'integer' || schema?.type === 'number') return 7;
    if (schema?.type === 'boolean') return true;
    return 'x y&z=1/ü';
  };
  const spec = loadSpec();
  // Parameters are mostly `$ref`s to `#/components/parameters/…`.
  const resolve = (value: unknown) => {
    const ref = (value as { $ref?: string }).$ref;
    if (!ref) return value;
    return ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((node: Record<string, unknown>, key) => node[key] as Record<string, unknown>, spec);
  };
  const operations = Object.entries(spec.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, item]) =>
      httpMethods.filter((method) => method in item).map((method) => ({ path, method, item })),
    )
    .map(({ path, method, item }) => {
      const operation = item[method] as { operationId: string; parameters?: unknown[] };
      const parameters = [
        ...((item.parameters as unknown[] | undefined) ?? []),
        ...(operation.parameters ?? []),
      ].map(resolve) as Array<{ name: string; in: string; schema?: { type?: string } }>;
      const params = { path: {} as Record<string, string>, query: {} as QueryParams };
      for (const parameter of parameters) {
        if (parameter.in === 'path') params.path[parameter.name] = pathValue;
        if (parameter.in === 'query') params.query[parameter.name] = queryValue(parameter.schema);
      }
      return {
        name: `${method.toUpperCase()} ${path} (${operation.operationId})`,
        path,
        method,
        params,
      };
    });

  it('covers every operation of the spec', () => {
    expect(operations.length).toBeGreaterThanOrEqual(25);
  });

  it.each(operations)('createClient and buildUrl write the same URL: $name', async (operation) => {
    const { path, method, params } = operation;
    const requests: Request[] = [];
    const client = createClient({
      apiKey: 'k',
      baseUrl: BASE,
      fetch: async (request) => {
        requests.push(request);
        return Response.json({ success: true, data: {} });
      },
    });
    const send = client[method.toUpperCase() as 'GET'] as (
      path: string,
      init: unknown,
    ) => Promise<unknown>;
    await send(path, { params, ...(method === 'get' ? {} : { body: {} }) });
    expect(requests[0]?.url).toBe(buildUrl(BASE, path as keyof paths, params as never));
  });
});
