import type { MiddlewareHandler } from 'hono';
import { ApiFailure } from '../../domain/errors.js';
import { sha256Hex } from '../../domain/hashing.js';
import type { IdempotencyStore, StoredResponse } from '../../domain/idempotency.js';
import { type MockContext, type MockEnv, replaceResponse } from '../env.js';
import { errorResponse } from '../errors.js';
import { isEventStream } from '../sse.js';

const MAX_KEY_LENGTH = 255;
/** What a 409 for a key still running asks the client to wait, in seconds. */
const IN_PROGRESS_RETRY_AFTER_SECONDS = 1;

/**
 * `Idempotency-Key` on POSTs. The first request with a key runs and its final answer is
 * kept; a retry with the same key and the same request gets that answer again, byte for
 * byte (streams included), and changes nothing. The same key with a different request is
 * refused with 422; a retry while the first is still running gets 409 with `Retry-After`.
 * Answers that did not happen (429, 5xx, a stream rolled back before its `complete` chunk)
 * are not kept: the key is released and the retry runs afresh.
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
          'A request with this Idempotency-Key is still running; retry after Retry-After seconds',
        ),
        {
          code: 'IDEMPOTENCY_KEY_IN_USE',
          headers: { 'retry-after': String(IN_PROGRESS_RETRY_AFTER_SECONDS) },
        },
      );
    }

    try {
      await next();
    } catch (error) {
      store.abandon(owner, key);
      throw error;
    }
    await keep(c, (response) =>
      response === undefined ? store.abandon(owner, key) : store.complete(owner, key, response),
    );
  };
}

/** Hands the answer to keep (or `undefined`: release the key) once it is final. */
async function keep(
  c: MockContext,
  settle: (response: StoredResponse | undefined) => void,
): Promise<void> {
  const response = c.res;
  if (response.status >= 500 || response.status === 429 || !response.body) return settle(undefined);
  const headers = [...response.headers].filter(([name]) => name !== 'x-request-id');
  if (isEventStream(response)) {
    // A stream's fate is its exchange's: kept when committed, released when rolled back.
    const outcome = c.get('streamOutcome');
    if (!outcome) return settle(undefined);
    outcome.then((body) =>
      settle(body === undefined ? undefined : { status: response.status, headers, body }),
    );
    return;
  }
  const body = await response.text();
  settle({ status: response.status, headers, body });
  replaceResponse(c, new Response(body, { status: response.status, headers: response.headers }));
}

function replay(stored: StoredResponse): Response {
  const headers = new Headers(stored.headers as [string, string][]);
  headers.set('idempotent-replayed', 'true');
  return new Response(stored.body, { status: stored.status, headers });
}
