import { resolveApiKey, resolveBaseUrl } from '../core/options.js';
import { createRedactor, type Redact } from '../internal/redact.js';
import { badGateway, errorAnswer } from './answers.js';
import { downstreamResponseHeaders } from './headers.js';

/** Where the relay sends what it lets through. Every field is optional, as for `new ChatRoutes()`. */
export interface UpstreamOptions {
  /** The server's API key; defaults to the `CHATROUTES_API_KEY` environment variable. */
  apiKey?: string | undefined;
  /** Defaults to `CHATROUTES_BASE_URL`, else `https://api.chatroutes.com/api/v1`. */
  baseUrl?: string | undefined;
  /** A `fetch` implementation (default: the global one), e.g. the mock's in tests. */
  fetch?: typeof fetch | undefined;
}

export interface Upstream {
  /**
   * Sends one request to `path` (a path of the API, query included) with the relay's key;
   * resolves with a 502 in the API's envelope when the API cannot be reached.
   */
  send(
    path: string,
    init: {
      method: string;
      headers: Headers;
      body?: Uint8Array<ArrayBuffer>;
      signal?: AbortSignal;
    },
  ): Promise<Response>;
  /** Removes the key from anything the API sends back. */
  redact: Redact;
}

/** The API as the relay reaches it: the key and the base URL checked as the client checks them. */
export function createUpstream(options: UpstreamOptions): Upstream {
  const apiKey = resolveApiKey(options.apiKey);
  const baseUrl = resolveBaseUrl(options.baseUrl);
  // Bound to globalThis: some runtimes refuse a detached `fetch` (Illegal invocation).
  const fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const redact = createRedactor(apiKey);
  return {
    redact,
    send(path, { headers, ...init }) {
      headers.set('authorization', `ApiKey ${apiKey}`);
      return fetch(baseUrl + path, { ...init, headers, redirect: 'manual' }).catch(badGateway);
    },
  };
}

/**
 * The API's answer as the browser gets it: a stream passed on as it arrives, a JSON body
 * with the key removed (and handed to `seen` when it is a success, for the ids it shows),
 * only the headers the SDK reads. A body that is not JSON becomes the API's error envelope.
 */
export async function relayAnswer(
  response: Response,
  upstream: Upstream,
  seen: (body: unknown) => Promise<void>,
  stream: (body: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array> = (body) => body,
): Promise<Response> {
  const headers = downstreamResponseHeaders(response.headers, upstream.redact);
  const init = { status: response.status, headers };
  if (response.ok && response.body && headers.get('content-type')?.includes('text/event-stream')) {
    return new Response(stream(response.body), init);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return response.ok
      ? badGateway()
      : errorAnswer(response.status, 'UPSTREAM_ERROR', `ChatRoutes answered ${response.status}`);
  }
  if (response.ok) {
    await seen(body);
    // A success is the user's own data, passed on byte for byte (no second encoding) unless
    // the key shows in it.
    if (upstream.redact(text) === text) return new Response(text, init);
  }
  return Response.json(upstream.redact(body), init);
}
