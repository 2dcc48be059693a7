import type { RoundTrip } from '../core/api-promise.js';
import { ChatRoutesError, errorFromResponse, RedirectError } from '../core/errors.js';
import { type Log, loggableHeaders } from '../core/logging.js';
import { type Middleware, runMiddleware } from '../core/middleware.js';
import type { CallSettings } from '../core/options.js';
import { type Attempt, abortError, startAttempt } from './attempt.js';
import { isRecord, parseJsonOrText } from './json.js';
import type { OutgoingRequest } from './outgoing-request.js';
import type { Redact } from './redact.js';
import { requestIdOf } from './request-id.js';
import { isRetryableStatus, retryDelayMs } from './retry-policy.js';
import { sleep } from './sleep.js';
import { untilAborted } from './until-aborted.js';

/** How one call is carried out: its settings, and what the client adds to every call. */
export interface PipelineSettings extends CallSettings {
  /** Applied to every text the server sends back, in case it echoes the credentials. */
  redact: Redact;
  middleware: readonly Middleware[];
  log: Log;
}

interface Call {
  url: string;
  /** The init of every attempt; its `signal` is the current attempt's. */
  init: RequestInit;
  attempt: Attempt | undefined;
  caller: AbortSignal | undefined;
  streaming: boolean;
  settings: PipelineSettings;
}

type Retry = { retryIn: number; reason: string };

/**
 * The request pipeline: carries out one logical request and hands over its final round trip.
 *
 * - every attempt has its own `timeout`, combined with the request's `signal`;
 * - failures without a response, and 408/409/429/5xx (or whatever `x-should-retry` says), are
 *   retried up to `retryAttempts` times after a jittered exponential backoff or the server's
 *   `Retry-After`; a caller's abort ends everything at once, backoff sleeps included;
 * - a POST gets one `Idempotency-Key` (unless it has one), the same on every retry, so the
 *   server can de-duplicate a retried send;
 * - middleware runs around each attempt; redirects are never followed (a `RedirectError`);
 * - every failure becomes a `ChatRoutesError` subclass; a 2xx whose body is not a JSON object,
 *   or says `success: false`, is a failure too;
 * - the body of a JSON response is read and parsed once, inside the attempt (so its timeout
 *   covers a stalled body, and a body cut off is retried); a `text/event-stream` response is
 *   handed over as soon as its headers arrive, its body left to the stream reader.
 */
export async function sendRequest(
  request: OutgoingRequest,
  settings: PipelineSettings,
): Promise<RoundTrip> {
  const { url, method, headers, signal: caller } = request;
  // A fresh Headers per call: the key can go straight on it.
  if (method === 'POST' && !headers.has('idempotency-key')) {
    headers.set('idempotency-key', newIdempotencyKey());
  }
  const call: Call = {
    url,
    // A followed redirect turns a POST into a GET without its body (301/302/303), and sends
    // the Idempotency-Key and every header to wherever the server points.
    init: { ...settings.fetchOptions, method, headers, body: request.body, redirect: 'manual' },
    attempt: undefined,
    caller,
    streaming: headers.get('accept')?.includes('text/event-stream') ?? false,
    settings,
  };
  // Read when `fetch` reads it: an AbortSignal is costly to create (about as much as the rest
  // of the pipeline), and a `fetch` that takes none (an in-memory one) never pays for it.
  Object.defineProperty(call.init, 'signal', {
    get: () => call.attempt?.signal,
    enumerable: true,
  });
  for (let retry = 0; ; retry++) {
    if (caller?.aborted) throw abortError(caller);
    const outcome = await attemptOnce(call, retry);
    if (!('retryIn' in outcome)) return outcome;
    settings.log.info?.(
      `retrying ${method} ${url} in ${Math.round(outcome.retryIn)} ms (retry ${retry + 1} of ${settings.retryAttempts}): ${outcome.reason}`,
      { method, url, retry: retry + 1, waitMs: outcome.retryIn, reason: outcome.reason },
    );
    try {
      await sleep(outcome.retryIn, caller);
    } catch {
      throw abortError(caller as AbortSignal);
    }
  }
}

/** One attempt, logged at `debug` when that level is on. */
function attemptOnce(call: Call, retry: number): Promise<RoundTrip | Retry> {
  const debug = call.settings.log.debug;
  return debug ? loggedAttempt(call, retry, debug) : tryOnce(call, retry);
}

async function loggedAttempt(
  call: Call,
  retry: number,
  debug: NonNullable<Log['debug']>,
): Promise<RoundTrip | Retry> {
  const started = performance.now();
  const describe = (result: string, details: Record<string, unknown>) => {
    const durationMs = Math.round(performance.now() - started);
    const { method, body } = call.init;
    debug(`${method} ${call.url} → ${result} in ${durationMs} ms (attempt ${retry + 1})`, {
      method,
      url: call.url,
      attempt: retry + 1,
      durationMs,
      requestHeaders: loggableHeaders(call.init.headers as Headers),
      ...(body !== undefined && { requestBody: body }),
      ...details,
    });
  };
  try {
    const outcome = await tryOnce(call, retry);
    if ('retryIn' in outcome) describe(outcome.reason, {});
    else {
      const { response, body, requestId } = outcome;
      describe(String(response.status), {
        status: response.status,
        requestId,
        responseHeaders: loggableHeaders(response.headers),
        // The parsed body, never the raw text: the log redacts values, and a key the server
        // echoed JSON-escaped (`\u0073k_…`) only looks like the key once decoded.
        ...(body !== undefined && { responseBody: body }),
      });
    }
    return outcome;
  } catch (error) {
    describe(error instanceof Error ? error.message : String(error), { error });
    throw error;
  }
}

/** One attempt: the round trip to hand over (or its error, thrown), or the wait before the next. */
async function tryOnce(call: Call, retry: number): Promise<RoundTrip | Retry> {
  const { settings, caller } = call;
  const attempt = startAttempt(caller, settings.timeout);
  call.attempt = attempt;
  const mayRetry = retry < settings.retryAttempts;
  // A failure without a usable answer costs a backoff, when retries are left.
  const retryOrThrow = (failure: ChatRoutesError): Retry => {
    if (caller?.aborted || !mayRetry) throw failure;
    return {
      retryIn: retryDelayMs(retry, settings.retryDelay, undefined) ?? 0,
      reason: failure.message,
    };
  };
  let handedOver = false;
  let response: Response;
  let text: string;
  try {
    try {
      // Raced with the attempt's signal: a middleware or a custom `fetch` that ignores it
      // must not hold the timeout or the caller's abort back.
      response = await untilAborted(fetchOnce(call), attempt.signal);
    } catch (error) {
      // What a middleware threw itself, rather than a `fetch` failure it passed on, ends the
      // call as it is: it is no network failure, and a retry would only repeat it.
      const own = settings.middleware.length > 0 && !fetchFailures.has(error as object);
      if (own && !attempt.signal.aborted) throw error;
      return retryOrThrow(attempt.classify(error));
    }
    if (isRedirect(response)) {
      await response.body?.cancel().catch(() => {});
      throw redirectError(call.url, response, settings.redact);
    }
    if (response.ok && call.streaming) {
      attempt.headersReceived();
      handedOver = true;
      return roundTrip(response, null, undefined, settings.redact);
    }
    const wait =
      !response.ok && mayRetry && isRetryableStatus(response.status, response.headers)
        ? retryDelayMs(retry, settings.retryDelay, response.headers)
        : undefined;
    if (wait !== undefined) {
      // Free the connection; the body of a response we retry is of no use.
      await response.body?.cancel();
      return { retryIn: wait, reason: `the server answered ${response.status}` };
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

// The failures of `fetch` itself, told apart from what middleware around it throws.
const fetchFailures = new WeakSet<object>();

function fetchOnce(call: Call): Promise<Response> {
  const { init, settings } = call;
  if (settings.middleware.length === 0) return settings.fetch(call.url, init);
  // `fetch(request, fetchOptions)`: a Request drops what it does not know (e.g. a dispatcher).
  const send = (request: Request) =>
    settings.fetch(request, settings.fetchOptions).catch((error: unknown) => {
      if (typeof error === 'object' && error !== null) fetchFailures.add(error);
      throw error;
    });
  return runMiddleware(settings.middleware, new Request(call.url, init), send);
}

function isRedirect(response: Response): boolean {
  // A browser answers a manual redirect with an opaque response: status 0, no headers.
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}

function redirectError(url: string, response: Response, redact: Redact): RedirectError {
  // Unknown (0) for an opaque redirect.
  const status = response.status || undefined;
  const location = readableLocation(url, response.headers.get('location'), redact);
  return new RedirectError(
    `The server answered ${status ?? 'with a redirect'}${location ? ` to ${location}` : ''}; redirects are not followed: check baseUrl`,
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

function roundTrip(
  response: Response,
  text: string | null,
  body: unknown,
  redact: Redact,
): RoundTrip {
  return {
    response,
    text,
    body,
    // Read on demand: most callers never ask for it.
    get requestId() {
      return requestIdOf(response.headers, redact);
    },
  };
}

function acceptSuccess(response: Response, text: string, settings: PipelineSettings): RoundTrip {
  if (response.status === 204) return roundTrip(response, null, undefined, settings.redact);
  const body = parseJsonOrText(text);
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
  return roundTrip(response, text, body, settings.redact);
}

function rejectFailure(response: Response, text: string, settings: PipelineSettings): never {
  // Parsed before redaction: a JSON-escaped echo of the key only shows once decoded.
  const body = parseJsonOrText(text);
  throw errorFromResponse(response.status, response.headers, body, settings.redact);
}

export function newIdempotencyKey(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  // Insecure browser contexts have no randomUUID; the key only needs to be unique, not secret.
  return `${Date.now()}-${Math.random()}`;
}
