import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { ProxyAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthenticationError, ChatRoutes, type Middleware } from '../src/index.js';
import * as fx from './support/fixtures.js';
import { type LoopbackServer, startLoopbackServer } from './support/loopback-server.js';

/** The recipes of docs/advanced.md, against real sockets. */
let servers: Array<LoopbackServer | Server> = [];
afterEach(async () => {
  for (const server of servers) {
    if ('requests' in server) await server.close();
    else await new Promise((resolve) => server.close(resolve));
  }
  servers = [];
});

const conversation = JSON.stringify(fx.ok({ conversation: fx.conversation() }));

/** Answers 401 unless the request carries `ApiKey <valid>`. */
async function apiAccepting(valid: string) {
  const api = await startLoopbackServer((response, index) => {
    const ok = api.requests[index]?.headers.authorization === `ApiKey ${valid}`;
    response
      .writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
      .end(ok ? conversation : JSON.stringify({ success: false, error: 'key expired' }));
  });
  servers.push(api);
  return api;
}

describe('middleware recipes', () => {
  it('refreshes an expiring key: on 401 once, then resends with the new key', async () => {
    const api = await apiAccepting('key-2');
    let key = 'key-1';
    let refreshes = 0;
    const refresh = async () => {
      refreshes++;
      key = 'key-2';
    };
    const withFreshKey: Middleware = async (request, next) => {
      const send = () => {
        const headers = new Headers(request.headers);
        headers.set('authorization', `ApiKey ${key}`);
        return next(new Request(request.clone(), { headers }));
      };
      const response = await send();
      if (response.status !== 401) return response;
      await refresh();
      return send();
    };
    const client = new ChatRoutes({
      apiKey: key,
      baseUrl: `${api.url}/api/v1`,
      middleware: [withFreshKey],
    });
    expect((await client.conversations.get('conv_1')).id).toBe('conv_1');
    expect(refreshes).toBe(1);
    expect(api.requests.map((request) => request.headers.authorization)).toEqual([
      'ApiKey key-1',
      'ApiKey key-2',
    ]);
    // Once refreshed, the next call goes straight through.
    await client.conversations.get('conv_1');
    expect(refreshes).toBe(1);
    expect(api.requests).toHaveLength(3);
    // A key the server still refuses surfaces as the typed error.
    const stale = new ChatRoutes({
      apiKey: 'key-0',
      baseUrl: `${api.url}/api/v1`,
      middleware: [
        (request, next) => {
          const headers = new Headers(request.headers);
          headers.set('authorization', 'ApiKey key-0');
          return next(new Request(request, { headers }));
        },
      ],
    });
    await expect(stale.conversations.get('c')).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('keeps a client-side budget of requests per window', async () => {
    const api = await apiAccepting('k');
    const budget = (perWindow: number, windowMs: number): Middleware => {
      const sent: number[] = [];
      return async (request, next) => {
        for (;;) {
          const now = Date.now();
          while (sent.length > 0 && (sent[0] ?? 0) <= now - windowMs) sent.shift();
          if (sent.length < perWindow) break;
          await new Promise((resolve) => setTimeout(resolve, (sent[0] ?? now) + windowMs - now));
        }
        sent.push(Date.now());
        return next(request);
      };
    };
    const client = new ChatRoutes({
      apiKey: 'k',
      baseUrl: `${api.url}/api/v1`,
      middleware: [budget(2, 200)],
    });
    const started = Date.now();
    await Promise.all([1, 2, 3, 4].map(() => client.conversations.get('conv_1')));
    // Four requests at two per 200 ms: the last pair waited for the next window.
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(api.requests).toHaveLength(4);
  });
});

describe('fetchOptions', () => {
  it('sends every request through a proxy given as an undici dispatcher', async () => {
    const api = await apiAccepting('k');
    const tunnelled: string[] = [];
    // A minimal HTTP proxy: CONNECT host:port, then bytes both ways.
    const proxy = createServer();
    proxy.on('connect', (request, client, head) => {
      tunnelled.push(request.url ?? '');
      const [host, port] = (request.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    servers.push(proxy);
    const dispatcher = new ProxyAgent(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
    const client = new ChatRoutes({
      apiKey: 'k',
      baseUrl: `${api.url}/api/v1`,
      fetchOptions: { dispatcher } as RequestInit,
    });
    expect((await client.conversations.get('conv_1')).id).toBe('conv_1');
    expect(tunnelled).toEqual([new URL(api.url).host]);
    await dispatcher.close();
  });
});
