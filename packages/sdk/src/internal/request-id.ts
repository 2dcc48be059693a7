import type { Redact } from './redact.js';

/**
 * The `x-request-id` of a response, to quote when contacting support; redacted, because it
 * is the server's text like any other (a proxy may echo a request header into it).
 */
export function requestIdOf(headers: Headers, redact: Redact): string | undefined {
  const requestId = headers.get('x-request-id');
  return requestId ? redact(requestId) : undefined;
}
