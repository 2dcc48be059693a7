import type { Redact } from '../internal/redact.js';
import { NO_STORE } from './answers.js';

/**
 * What of the browser's request goes upstream: the few headers the API reads, nothing else.
 * An allow-list, so `Authorization`, `Cookie`, `X-Forwarded-*` and whatever a browser or a
 * proxy adds never reach the API; the relay sets its own `Authorization`.
 */
const REQUEST_HEADERS = ['accept', 'content-type', 'idempotency-key'];

/**
 * What of the API's answer comes back: the headers the SDK reads (content type, retry hints,
 * the request id). Never `Set-Cookie`, hop-by-hop headers, `Content-Length` or
 * `Content-Encoding` (the body is re-framed on the way), nor anything that could echo the key.
 */
const RESPONSE_HEADERS = [
  'content-type',
  'retry-after',
  'retry-after-ms',
  'x-should-retry',
  'x-request-id',
];

function pick(source: Headers, names: readonly string[], redact: Redact): Headers {
  const headers = new Headers();
  for (const name of names) {
    const value = source.get(name);
    if (value !== null) headers.set(name, redact(value));
  }
  return headers;
}

const keep: Redact = (value) => value;

export const upstreamRequestHeaders = (request: Headers): Headers =>
  pick(request, REQUEST_HEADERS, keep);

/**
 * The API's headers the browser may see, each value with the key removed, and `no-store`: an
 * answer is one user's, which no shared cache (a CDN keyed by URL) may give to another.
 */
export function downstreamResponseHeaders(response: Headers, redact: Redact): Headers {
  const headers = pick(response, RESPONSE_HEADERS, redact);
  headers.set('cache-control', NO_STORE['cache-control']);
  return headers;
}
