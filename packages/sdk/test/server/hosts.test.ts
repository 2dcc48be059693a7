import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatRoutes, NotFoundError } from '../../src/index.js';
import { BASE_PATH, event, relayOnMock, streamingRelay } from './harness.js';
import { type NodeHost, serveOnLoopback } from './node-host.js';

// The relay is one `(request: Request) => Promise<Response>`: each host only hands it the
// request. Every host here runs the same session (two users, a stream, an attack).

let host: NodeHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

/** A client of the relay through `fetch` (a host's in-process handler, or the network). */
function clientVia(baseUrl: string, user: string, fetch?: typeof globalThis.fetch) {
  return new ChatRoutes({
    apiKey: 'not-the-app-key',
    baseUrl,
    retryAttempts: 0,
    defaultHeaders: { cookie: `session=${user}` },
    ...(fetch && { fetch }),
  });
}

async function session(alice: ChatRoutes, bob: ChatRoutes) {
  const { id } = await alice.conversations.create({ title: 'Hosted' });
  const reply = await alice.messages.stream(id, { content: 'Hi' }).finalMessage();
  expect(reply.message.conversationId).toBe(id);
  expect((await alice.conversations.list()).total).toBe(1);
  await expect(bob.conversations.get(id)).rejects.toBeInstanceOf(NotFoundError);
  await expect(bob.messages.update(reply.message.id, { content: 'x' })).rejects.toBeInstanceOf(
    NotFoundError,
  );
}

describe('hosts', () => {
  it("Node's http, through @hono/node-server", async () => {
    const { relay } = relayOnMock();
    host = await serveOnLoopback(relay);
    const url = host.url + BASE_PATH;
    await session(clientVia(url, 'alice'), clientVia(url, 'bob'));
  });

  it("Node's http: a browser that hangs up mid-stream cancels the upstream request", async () => {
    const { relay, upstream } = await streamingRelay();
    host = await serveOnLoopback(relay);
    const browser = new AbortController();
    const response = await fetch(`${host.url}${BASE_PATH}/conversations/conv_1/messages/stream`, {
      method: 'POST',
      headers: { cookie: 'session=alice', 'content-type': 'application/json' },
      body: '{"content":"Hi"}',
      signal: browser.signal,
    });
    upstream.write(event({ type: 'content', content: 'Hel' }));
    await (response.body as ReadableStream<Uint8Array>).getReader().read();
    browser.abort();
    await upstream.cancelled;
  });

  it('Hono', async () => {
    const { relay } = relayOnMock();
    const app = new Hono();
    app.all(`${BASE_PATH}/*`, (c) => relay(c.req.raw));
    const viaHono: typeof fetch = async (input, init) => app.fetch(new Request(input, init));
    const url = `http://app.test${BASE_PATH}`;
    await session(clientVia(url, 'alice', viaHono), clientVia(url, 'bob', viaHono));
  });

  it('a Next.js App Router route handler (app/api/chatroutes/[...path]/route.ts)', async () => {
    const { relay } = relayOnMock();
    // What the route file exports; Next.js calls it with the request and the route's params.
    // The relay is such a handler as it is, with no wrapper: this assignment type-checks it.
    const route: Record<string, RouteHandler> = {
      GET: relay,
      POST: relay,
      PATCH: relay,
      DELETE: relay,
    };
    const viaNext: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const handler = route[request.method];
      if (!handler) return new Response(null, { status: 405 });
      const path = new URL(request.url).pathname.slice(BASE_PATH.length + 1).split('/');
      return handler(request, { params: Promise.resolve({ path }) });
    };
    const url = `http://app.test${BASE_PATH}`;
    await session(clientVia(url, 'alice', viaNext), clientVia(url, 'bob', viaNext));
  });
});

/** Next.js's type of an App Router route handler with a catch-all segment. */
type RouteHandler = (
  request: Request,
  context: { params: Promise<{ path: string[] }> },
) => Promise<Response>;
