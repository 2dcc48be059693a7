import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The built files as Node loads them (run after `build`), each with a stub fetch.
const builds = {
  'ESM (dist/index.js)': () => import('../dist/index.js'),
  'CJS (dist/index.cjs)': async () => createRequire(import.meta.url)('../dist/index.cjs'),
};

describe.each(Object.entries(builds))('the %s build', (_, load) => {
  it('creates a client that sends a typed request', async () => {
    const { createClient } = (await load()) as typeof import('../src/index.js');
    const requests: Request[] = [];
    const client = createClient({
      apiKey: 'key',
      baseUrl: 'https://example.test/api/v1',
      fetch: async (request) => {
        requests.push(request);
        return Response.json({ status: 'ok' });
      },
    });
    const { data } = await client.GET('/autobranch/health');
    expect(data).toEqual({ status: 'ok' });
    expect(requests[0]?.url).toBe('https://example.test/api/v1/autobranch/health');
    expect(requests[0]?.headers.get('authorization')).toBe('ApiKey key');
  });
});
