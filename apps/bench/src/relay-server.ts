/**
 * The relay of the bench as a process of its own, as it runs in a deployment: Node's `http`
 * through @hono/node-server on 127.0.0.1, in front of the upstream named on the command
 * line. Prints its URL, then serves until it is stopped. With `bare`, it serves a forward with
 * no checks at all instead (the key added, everything passed through): the cost of the hop
 * alone, to tell it from the cost of the relay's checks.
 *
 *   node --import tsx src/relay-server.ts <upstream URL> <API key> [bare]
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createRelay, memoryOwnership } from 'chatroutes/server';

const [upstreamUrl, apiKey, mode] = process.argv.slice(2) as [string, string, string?];
const basePath = '/api/chatroutes';

const relay = createRelay({
  upstream: { apiKey, baseUrl: upstreamUrl },
  // The bench's one user, named by its cookie.
  authenticate: (request) =>
    request.headers.get('cookie') === 'session=bench' ? { userId: 'bench' } : null,
  ownership: memoryOwnership(),
});

async function bareForward(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headers = new Headers(request.headers);
  headers.set('authorization', `ApiKey ${apiKey}`);
  const hasBody = request.method !== 'GET' && request.method !== 'DELETE';
  const response = await fetch(upstreamUrl + url.pathname.slice(basePath.length) + url.search, {
    method: request.method,
    headers,
    ...(hasBody && { body: await request.arrayBuffer() }),
  });
  return new Response(response.body, response);
}

const server = serve(
  { hostname: '127.0.0.1', port: 0, fetch: mode === 'bare' ? bareForward : relay },
  () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`http://127.0.0.1:${port}${basePath}\n`);
  },
);
