import { parseJsonOrText } from '../internal/json.js';
import type { Redact } from '../internal/redact.js';
import { requestIdOf } from '../internal/request-id.js';
import { errorFromResponse, StreamError } from './errors.js';

/**
 * Opens one attempt of the stream request and resolves its response once the headers are in.
 *
 * The contract with the request pipeline (which provides this function to `messages.stream`):
 * - it sends the POST with `Accept: text/event-stream` and the call's `Idempotency-Key`,
 *   created once per `messages.stream()` call, so every re-open carries the same key;
 * - it bounds the wait for headers with `timeout`, retries what fails before the headers
 *   (no connection, 408/409/429/5xx, `Retry-After`), and throws the typed errors for a
 *   non-2xx answer; a non-2xx `Response` that still reaches us is mapped, never retried here;
 * - it hands `signal` to `fetch`: aborting it must cancel the request and its body.
 * `MessageStream` owns everything after the headers: reading, idle timeout, and re-opening a
 * stream that failed before any chunk reached the caller.
 */
export type OpenStreamResponse = (signal: AbortSignal) => Promise<Response>;

/**
 * Checks the response of a stream request once its headers are in: a non-2xx answer becomes
 * its typed error (as any other call's), a 2xx that is not `text/event-stream` a `StreamError`.
 * Whatever the server sent goes through `redact` first.
 */
export async function checkEventStreamResponse(response: Response, redact: Redact): Promise<void> {
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw errorFromResponse(response.status, response.headers, parseJsonOrText(text), redact);
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('text/event-stream')) {
    await response.body?.cancel().catch(() => {});
    throw new StreamError(
      `Expected a text/event-stream response, got ${redact(contentType) || 'no content type'}`,
      { status: response.status, requestId: requestIdOf(response.headers, redact) },
    );
  }
}
