import type { MiddlewareHandler } from 'hono';
import { ApiFailure } from '../../domain/errors.js';
import { sha256Hex } from '../../domain/hashing.js';
import type { IdempotencyStore, StoredResponse } from '../../domain/idempotency.js';
import { type MockEnv, replaceResponse } from '../env.js';
import { errorResponse } from '../errors.js';

const MAX_KEY_LENGTH = 255;
const STREAM_END = 'data: [DONE]\n\n';

/**
 * `Idempotency-Key` on POSTs. The first request with a key runs and its final answer is
 * kept; a retry with the same key and the same request gets that answer again, byte for
 * byte (streams included), and changes nothing. The same key with a different request is
 * refused with 422; a retry while the first is still running gets 409 (retryable).
 * Answers that did not happen (429, 5xx, a stream that broke off) are not kept, so their
 * retry runs afresh.
 */
export function idempotency(store: IdempotencyStore): MiddlewareHandler<MockEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || key === undefined) return next();
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
      return errorResponse(
        new ApiFailure(
          400,
          'Invalid Idempotency-Key',
          `Idempotency-Key must be 1–${MAX_KEY_LENGTH} characters`,
        ),
      );
    }

    const owner = c.get('owner');
    const fingerprint = sha256Hex(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
    const outcome = store.begin(owner, key, fingerprint);
    if (outcome.outcome === 'replay') return replay(outcome.response);
    if (outcome.outcome === 'mismatch') {
      return errorResponse(
        new ApiFailure(
          422,
          'Idempotency key reused',
          'This Idempotency-Key was already used with a different request',
        ),
        { code: 'IDEMPOTENCY_KEY_REUSED' },
      );
    }
    if (outcome.outcome === 'in-progress') {
      return errorResponse(
        new ApiFailure(
          409,
          'Request in progress',
          'A request with this Idempotency-Key is still running',
        ),
        { code: 'IDEMPOTENCY_KEY_IN_USE' },
      );
    }

    try {
      await next();
    } catch (error) {
      store.abandon(owner, key);
      throw error;
    }
    const response = c.res;
    if (response.status >= 500 || response.status === 429 || !response.body) {
      store.abandon(owner, key);
      return;
    }
    const headers = [...response.headers].filter(([name]) => name !== 'x-request-id');
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
      replaceResponse(
        c,
        recordStream(response, (body) => {
          if (body.endsWith(STREAM_END))
            store.complete(owner, key, { status: response.status, headers, body });
          else store.abandon(owner, key);
        }),
      );
      return;
    }
    const body = await response.text();
    store.complete(owner, key, { status: response.status, headers, body });
    replaceResponse(c, new Response(body, { status: response.status, headers: response.headers }));
  };
}

function replay(stored: StoredResponse): Response {
  const headers = new Headers(stored.headers as [string, string][]);
  headers.set('idempotent-replayed', 'true');
  return new Response(stored.body, { status: stored.status, headers });
}

/** Passes a stream through unchanged, and hands over its whole text once it has ended. */
function recordStream(response: Response, onEnd: (body: string) => void): Response {
  const decoder = new TextDecoder();
  let text = '';
  let ended = false;
  const finish = () => {
    if (ended) return;
    ended = true;
    onEnd(text + decoder.decode());
  };
  const reader = response.body?.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = reader ? await reader.read() : { done: true, value: undefined };
      } catch (error) {
        finish();
        controller.error(error);
        return;
      }
      if (next.done) {
        finish();
        controller.close();
        return;
      }
      text += decoder.decode(next.value, { stream: true });
      controller.enqueue(next.value);
    },
    async cancel() {
      finish();
      await reader?.cancel();
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
}
