import { errorFromResponse, StreamError } from './errors.js';
import type { Redact } from './redact.js';
import { requestIdOf } from './request-id.js';

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

/** The JSON value `text` holds, or the text itself when it is not JSON. */
export function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
