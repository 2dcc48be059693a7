import { describe, expect, it } from 'vitest';
import { createClient, DEFAULT_BASE_URL, MODELS } from '../src/index.js';

/** A fetch that records the requests it is given and answers an empty envelope. */
function recordingFetch() {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return Response.json({ success: true, data: { messages: [] } });
  };
  return { requests, fetch };
}

describe('createClient', () => {
  it('sends the key as `Authorization: ApiKey <key>` to the default base URL', async () => {
    const { requests, fetch } = recordingFetch();
    await createClient({ apiKey: 'cr_live_123', fetch }).GET('/autobranch/health');
    expect(requests[0]?.url).toBe(`${DEFAULT_BASE_URL}/autobranch/health`);
    expect(requests[0]?.headers.get('authorization')).toBe('ApiKey cr_live_123');
  });

  it('tolerates trailing slashes on baseUrl and keeps custom headers', async () => {
    const { requests, fetch } = recordingFetch();
    const client = createClient({
      apiKey: 'k',
      baseUrl: 'http://127.0.0.1:9/api/v1//',
      fetch,
      headers: { 'x-app': 'demo', Authorization: 'Bearer stolen' },
    });
    await client.GET('/autobranch/health');
    expect(requests[0]?.url).toBe('http://127.0.0.1:9/api/v1/autobranch/health');
    expect(requests[0]?.headers.get('x-app')).toBe('demo');
    expect(requests[0]?.headers.get('authorization')).toBe('ApiKey k');
  });

  it('percent-encodes path parameters, so an id stays one segment', async () => {
    const { requests, fetch } = recordingFetch();
    const client = createClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9', fetch });
    await client.GET('/conversations/{conversationId}/messages', {
      params: { path: { conversationId: 'a/b?c#d' } },
    });
    const url = new URL(requests[0]?.url ?? '');
    expect(url.pathname).toBe('/conversations/a%2Fb%3Fc%23d/messages');
    expect(url.search).toBe('');
  });

  it.each(['', '.', '..'])(
    'refuses the path parameter %j, which would change the path',
    async (id) => {
      const { requests, fetch } = recordingFetch();
      const client = createClient({ apiKey: 'k', fetch });
      await expect(
        client.GET('/conversations/{conversationId}', { params: { path: { conversationId: id } } }),
      ).rejects.toThrow(/conversationId/);
      expect(requests).toHaveLength(0);
    },
  );

  it.each([undefined, '', '   ', 42])('refuses the apiKey %j', (apiKey) => {
    expect(() => createClient({ apiKey: apiKey as string })).toThrow(/apiKey/);
  });

  it('lists every model of the spec with a description', () => {
    expect(Object.keys(MODELS)).toContain('gpt-5');
    expect(Object.keys(MODELS)).toHaveLength(8);
    for (const description of Object.values(MODELS)) expect(description.length).toBeGreaterThan(10);
  });
});
