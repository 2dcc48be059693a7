import { Attempt, abortError } from './attempt.js';
import { ChatRoutesError, errorFromResponse, isRecord } from './errors.js';
import type { CallSettings } from './options.js';
import { isRetryableStatus, retryDelayMs } from './retry-policy.js';
import { sleep } from './sleep.js';

/** The shape openapi-fetch calls its `fetch` with. */
export type RequestFetch = (request: Request) => Promise<Response>;

export interface PipelineSettings extends CallSettings {
  /** Removed from every error text the server sends back, in case it echoes the credentials. */
  secret: string;
}

/**
 * The request pipeline as a `fetch`: what openapi-fetch calls carries out one logical request.
 *
 * - every attempt has its own `timeout`, combined with the request's `signal`;
 * - failures without a response, and 408/409/429/5xx (or whatever `x-should-retry` says), are
 *   retried up to `retryAttempts` times after a jittered exponential backoff or the server's
 *   `Retry-After`; a caller's abort ends everything at once, backoff sleeps included;
 * - a POST gets one `Idempotency-Key` (unless it has one), the same on every retry, so the
 *   server can de-duplicate a retried send;
 * - every failure becomes a `ChatRoutesError` subclass; a 2xx whose body is not a JSON object,
 *   or says `success: false`, is a failure too: openapi-fetch only ever sees good responses;
 * - the body of a JSON response is read inside the attempt (so its timeout covers a stalled
 *   body, and a body cut off is retried); a `text/event-stream` response is returned as soon
 *   as its headers arrive, its body left to the stream reader.
 */
export function createRetryingFetch(settings: PipelineSettings): RequestFetch {
  return async (request) => {
    let headers = request.headers;
    if (request.method === 'POST' && !headers.has('idempotency-key')) {
      // A request's own headers are read-only: the key goes on a copy.
      headers = new Headers(headers);
      headers.set('idempotency-key', newIdempotencyKey());
    }
    const init: RequestInit = {
      method: request.method,
      headers,
      body: request.body ? await request.arrayBuffer() : undefined,
      redirect: request.redirect,
    };
    const streaming = headers.get('accept')?.includes('text/event-stream') ?? false;
    return send(request.url, init, request.signal, streaming, settings);
  };
}

async function send(
  url: string,
  init: RequestInit,
  caller: AbortSignal,
  streaming: boolean,
  settings: PipelineSettings,
): Promise<Response> {
  for (let retry = 0; ; retry++) {
    if (caller.aborted) throw abortError(caller);
    const attempt = new Attempt(caller, settings.timeout);
    let handedOver = false;
    let finished: { response: Response; text: string } | undefined;
    let delay = 0;
    try {
      const response = await settings.fetch(url, { ...init, signal: attempt.signal });
      if (response.ok && streaming) {
        attempt.headersReceived();
        handedOver = true;
        return response;
      }
      const mayRetry =
        !response.ok &&
        retry < settings.retryAttempts &&
        isRetryableStatus(response.status, response.headers);
      const wait = mayRetry
        ? retryDelayMs(retry, settings.retryDelay, response.headers)
        : undefined;
      if (wait === undefined) {
        // Read inside the attempt: its timeout covers a stalled body, and a cut body is retried.
        finished = { response, text: await response.text() };
      } else {
        delay = wait;
        // Free the connection; the body of a response we retry is of no use.
        await response.body?.cancel();
      }
    } catch (error) {
      const failure = attempt.classify(error);
      const wait =
        caller.aborted || retry >= settings.retryAttempts
          ? undefined
          : retryDelayMs(retry, settings.retryDelay, undefined);
      if (wait === undefined) throw failure;
      delay = wait;
    } finally {
      // A stream keeps its attempt: the caller's signal must still be able to cancel the body.
      if (!handedOver) attempt.end();
    }
    if (finished) {
      const { response, text } = finished;
      return response.ok
        ? acceptSuccess(response, text, settings)
        : rejectFailure(response, text, settings);
    }
    try {
      await sleep(delay, caller);
    } catch {
      throw abortError(caller);
    }
  }
}

function acceptSuccess(response: Response, text: string, settings: PipelineSettings): Response {
  if (response.status === 204) return new Response(null, response);
  const body = parseJson(text);
  if (!isRecord(body)) {
    throw new ChatRoutesError(
      `The server answered ${response.status} with a body that is not a JSON object`,
      { status: response.status, code: 'invalid_response', ...requestIdOf(response) },
    );
  }
  if (body.success === false) rejectFailure(response, text, settings);
  // Parsed once: openapi-fetch reads the body again through `json()` or `text()`, and a second
  // Response plus a second parse would double the cost of every call.
  const checked = new Response(null, response);
  return Object.assign(checked, { json: async () => body, text: async () => text });
}

function rejectFailure(response: Response, text: string, settings: PipelineSettings): never {
  const redacted = text.replaceAll(settings.secret, '[redacted]');
  throw errorFromResponse(response.status, response.headers, parseJson(redacted) ?? redacted);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function requestIdOf(response: Response): { requestId?: string } {
  const requestId = response.headers.get('x-request-id');
  return requestId ? { requestId } : {};
}

export function newIdempotencyKey(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  // Insecure browser contexts have no randomUUID; the key only needs to be unique, not secret.
  return `${Date.now()}-${Math.random()}`.replace('0.', '');
}
