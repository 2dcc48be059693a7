/**
 * The assistant-ui example's server: the page (bundled with esbuild at start) and, under
 * /api/chatroutes, ChatRoutes' relay (`createRelay` from `chatroutes/server`) in front of the
 * mock. The relay holds the key; the page holds a session cookie, set when it is served.
 *
 *   pnpm --filter @chatroutes/examples assistant-ui        (then open the URL it prints)
 *
 * With `--large`, the mock starts with a seeded conversation of 1 000 messages on 50
 * branches (`generateConversation` of @chatroutes/fixtures), and the URL opens it.
 */
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type ConversationShape,
  generateConversation,
  replayConversation,
} from '@chatroutes/fixtures';
import { createMockApp } from '@chatroutes/mock';
import { serve } from '@hono/node-server';
import { ChatRoutes } from 'chatroutes';
import { createRelay, memoryOwnership } from 'chatroutes/server';
import { build } from 'esbuild';

/** The app's ChatRoutes key: only this server holds it. */
const APP_KEY = 'cr_example_app_key';
const UPSTREAM = 'http://mock.internal/api/v1';
const BASE_PATH = '/api/chatroutes';
/** The example has one user, signed in by the cookie the page is served with. */
const USER = 'demo';

/** The conversation `--large` seeds: 1 000 messages, 50 branches. */
export const LARGE_CONVERSATION: ConversationShape = {
  messages: 1_000,
  branches: 50,
  mainMessages: 118,
};

/** How to start the example's server. */
export interface ExampleOptions {
  /** The port on 127.0.0.1; `0` (default) picks a free one. */
  port?: number;
  /** A conversation to generate and write into the mock first, owned by the user. */
  seed?: ConversationShape;
  /** The mock's pause between streamed chunks, ms (default 10, so a reply visibly streams). */
  streamDelayMs?: number;
}

/** The running server. */
export interface ExampleServer {
  /** The page's URL (with `?c=` when a conversation was seeded). */
  url: string;
  /** The seeded conversation's id. */
  conversationId: string | undefined;
  /** Every request the relay received, `METHOD /path`, in order. */
  requests: string[];
  /** A client of the mock itself, with the app's key: what the server holds, for checks. */
  upstream: ChatRoutes;
  close(): Promise<void>;
}

export async function startExample(options: ExampleOptions = {}): Promise<ExampleServer> {
  // A clock one second apart per reading: every message has its own time, every run the same.
  let tick = 0;
  const mock = createMockApp({
    apiKeys: [APP_KEY],
    streamDelayMs: options.streamDelayMs ?? 10,
    now: () => new Date(Date.UTC(2026, 0, 1) + tick++ * 1000),
  });
  const upstream = new ChatRoutes({
    apiKey: APP_KEY,
    baseUrl: UPSTREAM,
    fetch: mock.fetch,
    retryAttempts: 0,
  });
  const ownership = memoryOwnership();
  let conversationId: string | undefined;
  if (options.seed) {
    ({ conversationId } = await replayConversation(upstream, generateConversation(options.seed)));
    await ownership.claim(conversationId, USER);
  }
  const relay = createRelay({
    authenticate: (request) =>
      /(?:^|;\s*)session=demo(?:;|$)/.test(request.headers.get('cookie') ?? '')
        ? { userId: USER }
        : null,
    ownership,
    upstream: { apiKey: APP_KEY, baseUrl: UPSTREAM, fetch: mock.fetch },
  });

  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./page.tsx', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]?.text ?? '';

  const requests: string[] = [];
  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.pathname.startsWith(`${BASE_PATH}/`)) {
      requests.push(`${request.method} ${url.pathname.slice(BASE_PATH.length)}${url.search}`);
      return relay(request);
    }
    if (url.pathname === '/page.js') {
      return new Response(script, { headers: { 'content-type': 'text/javascript' } });
    }
    if (url.pathname === '/') {
      return new Response(PAGE, {
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'set-cookie': `session=${USER}; Path=/; HttpOnly; SameSite=Strict`,
        },
      });
    }
    // No icon: an empty answer keeps the browser's console free of a 404.
    if (url.pathname === '/favicon.ico') return new Response(null, { status: 204 });
    return new Response('Not found', { status: 404 });
  };

  const server = serve({ hostname: '127.0.0.1', port: options.port ?? 0, fetch: handle });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const query = conversationId ? `?c=${conversationId}` : '';
  return {
    url: `http://127.0.0.1:${port}/${query}`,
    conversationId,
    requests,
    upstream,
    close: () =>
      new Promise<void>((resolve) => {
        mock.close();
        server.close(() => resolve());
      }),
  };
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ChatRoutes with assistant-ui</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; display: flex; height: 100vh; }
  aside { width: 16rem; border-right: 1px solid #ddd; padding: 1rem; overflow: auto; }
  main { flex: 1; display: flex; flex-direction: column; min-width: 0; }
  .thread { display: flex; flex-direction: column; height: 100%; }
  .messages { flex: 1; overflow: auto; padding: 1rem; }
  .message { margin: 0.5rem 0; padding: 0.5rem 0.75rem; border-radius: 0.5rem; }
  .message.user { background: #eef; }
  .picker { font-size: 0.85rem; color: #555; }
  .composer { display: flex; gap: 0.5rem; padding: 1rem; border-top: 1px solid #ddd; }
  .composer textarea { flex: 1; }
</style>
</head>
<body><div id="root"></div><script type="module" src="/page.js"></script></body>
</html>
`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { large: { type: 'boolean', default: false }, port: { type: 'string' } },
  });
  const example = await startExample({
    port: Number(values.port ?? 0),
    ...(values.large && { seed: LARGE_CONVERSATION }),
  });
  process.stdout.write(`assistant-ui example: ${example.url}\n`);
}
