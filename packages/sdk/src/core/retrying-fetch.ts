import { Attempt, abortError } from './attempt.js';
import { ChatRoutesError, errorFromResponse, isRecord, RedirectError } from './errors.js';
import type { CallSettings } from './options.js';
import type { Redact } from './redact.js';
import { requestIdOf } from './request-id.js';
import { isRetryableStatus, retryDelayMs } from './retry-policy.js';
import { sleep } from './sleep.js';

/** The shape openapi-fetch calls its `fetch` with. */
export type RequestFetch = (request: Request) => Promise<Response>;

export interface PipelineSettings extends CallSettings {
  /** Applied to every text the server sends back, in case it echoes the credentials. */
  redact: Redact;
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
 * - redirects are never followed: a 3xx is a `RedirectError`, not retried;
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
      // A followed redirect turns a POST into a GET without its body (301/302/303), and sends
      // the Idempotency-Key and every header to wherever the server points.
      redirect: 'manual',
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
    const outcome = await attemptOnce(url, init, caller, streaming, settings, retry);
    if (outcome instanceof Response) return outcome;
    try {
      await sleep(outcome.retryIn, caller);
    } catch {
      throw abortError(caller);
    }
  }
}

/** One attempt: the response to hand over (or its error, thrown), or the wait before the next. */
async function attemptOnce(
  url: string,
  init: RequestInit,
  caller: AbortSignal,
  streaming: boolean,
  settings: PipelineSettings,
  retry: number,
): Promise<Response | { retryIn: number }> {
  const attempt = new Attempt(caller, settings.timeout);
  const mayRetry = retry < settings.retryAttempts;
  // What a failure without a usable answer costs: a backoff, when retries are left.
  const retryOrThrow = (failure: ChatRoutesError) => {
    if (caller.aborted || !mayRetry) throw failure;
    return { retryIn: retryDelayMs(retry, settings.retryDelay, undefined) ?? 0 };
  };
  let handedOver = false;
  let response: Response;
  let text: string;
  try {
    try {
      response = await settings.fetch(url, { ...init, signal: attempt.signal });
    } catch (error) {
      return retryOrThrow(attempt.classify(error));
    }
    if (isRedirect(response)) {
      await response.body?.cancel().catch(() => {});
      throw redirectError(url, response, settings.redact);
    }
    if (response.ok && streaming) {
      attempt.headersReceived();
      handedOver = true;
      return response;
    }
    const wait =
      !response.ok && mayRetry && isRetryableStatus(response.status, response.headers)
        ? retryDelayMs(retry, settings.retryDelay, response.headers)
        : undefined;
    if (wait !== undefined) {
      // Free the connection; the body of a response we retry is of no use.
      await response.body?.cancel();
      return { retryIn: wait };
    }
    try {
      // Read inside the attempt: its timeout covers a stalled body, and a cut body is retried.
      text = await response.text();
    } catch (error) {
      const failure = attempt.classify(error, response);
      // A body that arrived but cannot be decoded would arrive the same way again.
      if (failure.code === 'undecodable_body') throw failure;
      return retryOrThrow(failure);
    }
  } finally {
    // A stream keeps its attempt: the caller's signal must still be able to cancel the body.
    if (!handedOver) attempt.end();
  }
  return response.ok
    ? acceptSuccess(response, text, settings)
    : rejectFailure(response, text, settings);
}

function isRedirect(response: Response): boolean {
  // A browser answers a manual redirect with an opaque response: status 0, no headers.
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}

function redirectError(url: string, response: Response, redact: Redact): RedirectError {
  const status = response.type === 'opaqueredirect' ? undefined : response.status;
  const location = readableLocation(url, response.headers.get('location'), redact);
  const answered = status === undefined ? 'with a redirect' : status;
  return new RedirectError(
    `The server answered ${answered}${location ? ` to ${location}` : ''}. Redirects are not followed (a POST would lose its body, and headers would go to another address): set baseUrl to the address that answers`,
    { status, location, requestId: requestIdOf(response.headers, redact) },
  );
}

/** The redirect target, absolute, without any `user:password@`, and redacted. */
function readableLocation(url: string, location: string | null, redact: Redact) {
  if (!location) return undefined;
  try {
    const target = new URL(location, url);
    target.username = '';
    target.password = '';
    return redact(target.href);
  } catch {
    return redact(location);
  }
}

function acceptSuccess(response: Response, text: string, settings: PipelineSettings): Response {
  if (response.status === 204) return new Response(null, response);
  const body = parseJson(text);
  if (!isRecord(body)) {
    throw new ChatRoutesError(
      `The server answered ${response.status} with a body that is not a JSON object`,
      {
        status: response.status,
        code: 'invalid_response',
        requestId: requestIdOf(response.headers, settings.redact),
      },
    );
  }
  if (body.success === false) rejectFailure(response, text, settings);
  // Parsed once: openapi-fetch reads the body again through `json()` or `text()`, and a second
  // Response plus a second parse would double the cost of every call.
  const checked = new Response(null, response);
  return Object.assign(checked, { json: async () => body, text: async () => text });
}

function rejectFailure(response: Response, text: string, settings: PipelineSettings): never {
  // Parsed before redaction: a JSON-escaped echo of the key only shows once decoded.
  const body = parseJson(text) ?? text;
  throw errorFromResponse(response.status, response.headers, body, settings.redact);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function newIdempotencyKey(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  // Insecure browser contexts have no randomUUID; the key only needs to be unique, not secret.
  return `${Date.now()}-${Math.random()}`.replace('0.', '');
}
