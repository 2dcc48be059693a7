import type { ErrorResponse } from '@chatroutes/fetch';
import { ApiFailure } from '../domain/errors.js';

/** The machine-readable `code` the service puts in an error body, per status. */
const CODES: Record<number, string> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  431: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
  499: 'CLIENT_CLOSED_REQUEST',
  500: 'INTERNAL_ERROR',
};

/** The spec's ErrorResponse: `{ success: false, error, message, code, details?, retryAfter? }`. */
export function errorBody(failure: ApiFailure, extra: ErrorExtras = {}): ErrorResponse {
  return {
    success: false,
    error: failure.error,
    message: failure.message,
    code: extra.code ?? failure.code ?? CODES[failure.status] ?? 'ERROR',
    ...(failure.details !== undefined && { details: failure.details }),
    ...(extra.retryAfter !== undefined && { retryAfter: extra.retryAfter }),
  };
}

interface ErrorExtras {
  /** Seconds to wait: in the body's `retryAfter` and the `Retry-After` header (429). */
  retryAfter?: number;
  code?: string;
  headers?: Record<string, string>;
}

export function errorResponse(failure: ApiFailure, extra: ErrorExtras = {}): Response {
  const headers: Record<string, string> = { ...extra.headers };
  if (extra.retryAfter !== undefined) headers['retry-after'] = String(extra.retryAfter);
  return Response.json(errorBody(failure, extra), { status: failure.status, headers });
}

export function unauthorized(): Response {
  return errorResponse(new ApiFailure(401, 'Unauthorized', 'Invalid or missing API key'));
}

export function rateLimited(retryAfterSeconds: number): Response {
  return errorResponse(
    new ApiFailure(
      429,
      'Too many requests',
      `Rate limit exceeded. Try again in ${retryAfterSeconds} seconds.`,
    ),
    { retryAfter: retryAfterSeconds },
  );
}

export function internalError(message = 'The model provider did not answer in time.'): Response {
  return errorResponse(new ApiFailure(500, 'Internal server error', message));
}

export function routeNotFound(method: string, path: string): Response {
  return errorResponse(new ApiFailure(404, 'Not found', `No route for ${method} ${path}`));
}

/** The answer to a request whose client went away: never delivered, so it only needs a status. */
export function clientGone(): Response {
  return errorResponse(
    new ApiFailure(499, 'Client closed request', 'The client closed the request'),
  );
}

/** A known path asked with a method it does not have: 405, with the ones it has in `Allow`. */
export function methodNotAllowed(method: string, allowed: readonly string[]): Response {
  return errorResponse(
    new ApiFailure(
      405,
      'Method not allowed',
      `${method} is not allowed here; use ${allowed.join(', ')}`,
    ),
    { headers: { allow: allowed.join(', ') } },
  );
}

/** A body over the mock's limit: 413, before the body is read to the end. */
export function payloadTooLarge(maxBytes: number): Response {
  return errorResponse(
    new ApiFailure(413, 'Payload too large', `The request body is larger than ${maxBytes} bytes`, {
      maxBytes,
    }),
  );
}

/** A request the mock could not finish because it was closed meanwhile. */
export function shuttingDown(): Response {
  return errorResponse(new ApiFailure(503, 'Service unavailable', 'The mock was closed'), {
    code: 'SHUTTING_DOWN',
  });
}
