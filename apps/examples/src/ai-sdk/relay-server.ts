// The server side of a browser app on ChatRoutes: `createRelay` served over HTTP on
// 127.0.0.1. It holds the API key; browsers reach ChatRoutes only through it, each user
// seeing only the conversations they created.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createRelay, memoryOwnership } from 'chatroutes/server';

/** Where the relay is mounted (the default of `createRelay`). */
const BASE_PATH = '/api/chatroutes';

export interface RelayServer {
  /** The URL a browser's client takes as its `baseUrl`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the relay in front of ChatRoutes (or a mock) at `upstream`. Users are named by a
 * `session` cookie: a stand-in for the app's real session check.
 */
export function startRelayServer(upstream: {
  baseUrl: string;
  apiKey: string;
}): Promise<RelayServer> {
  const relay = createRelay({
    upstream,
    authenticate: (request) => {
      const session = /(?:^|;\s*)session=([^;]+)/.exec(request.headers.get('cookie') ?? '');
      return session?.[1] ? { userId: session[1] } : null;
    },
    ownership: memoryOwnership(),
  });
  return new Promise((resolve) => {
    const server = serve({ hostname: '127.0.0.1', port: 0, fetch: relay }, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}${BASE_PATH}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
