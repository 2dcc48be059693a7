/*
 * `@chatroutes/mock/msw`: the mock as Mock Service Worker handlers, so that an app's own
 * `fetch` calls (the SDK's, or anyone's) reach the mock's state in `setupServer` (Node) and
 * `setupWorker` (browsers) without a port or a changed base URL.
 */
import { DEFAULT_BASE_URL } from '@chatroutes/fetch/contract';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { API_BASE_PATH } from './http/app.js';
import type { MockApp } from './mock-app.js';
import { MockOptionError } from './options.js';

/** Where the handlers answer. */
export interface ChatRoutesHandlersOptions {
  /**
   * The API base URL the app calls, as it gives it to its client; default the production
   * one, `https://api.chatroutes.com/api/v1`. Only requests under it are answered: every
   * other request goes on as MSW's `onUnhandledRequest` says.
   */
  baseUrl?: string;
}

/**
 * MSW request handlers that answer ChatRoutes requests from `mock`'s state: pass them to
 * `setupServer(...)` or `setupWorker(...)`. Streams arrive as the mock writes them, a request
 * the client aborts is abandoned by the mock too (it stores nothing it had not stored), and a
 * `reset` fault reaches the client as a network error, as a dropped connection would.
 *
 * ```ts
 * const server = setupServer(...chatroutesHandlers(createMockApp()));
 * ```
 */
export function chatroutesHandlers(
  mock: MockApp,
  options: ChatRoutesHandlersOptions = {},
): HttpHandler[] {
  const basePath = basePathOf(options.baseUrl ?? DEFAULT_BASE_URL);
  return [
    http.all(`${basePath.origin}${basePath.path}/*`, ({ request }) =>
      answer(mock, basePath.path, request),
    ),
  ];
}

/** The base URL's origin, and its path without a trailing slash (`''` for the root). */
function basePathOf(baseUrl: string): { origin: string; path: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new MockOptionError('baseUrl', `must be an absolute URL, got ${JSON.stringify(baseUrl)}`);
  }
  if (url.search || url.hash) {
    throw new MockOptionError('baseUrl', `must have no query or fragment, got ${baseUrl}`);
  }
  return { origin: url.origin, path: url.pathname.replace(/\/+$/, '') };
}

/** The request, moved from under the app's base URL to the mock's own `/api/v1`. */
async function answer(mock: MockApp, basePath: string, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.slice(basePath.length);
  const body = request.method === 'GET' || request.method === 'HEAD' ? null : request.body;
  const forwarded = new Request(new URL(API_BASE_PATH + path + url.search, url.origin), {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
    // A streamed request body (Node's `fetch` requires saying so).
    ...(body && { duplex: 'half' }),
  } as RequestInit);
  try {
    return await mock.fetch(forwarded);
  } catch {
    // The mock's fetch rejects for two reasons only: a `reset` fault, which the client should
    // see as the dropped connection it stands for (not a 500), and the client abandoning the
    // request, when nobody reads the answer (throwing would make MSW log a handler failure).
    return HttpResponse.error();
  }
}
