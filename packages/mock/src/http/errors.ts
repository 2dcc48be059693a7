import type { ErrorResponse } from '@chatroutes/fetch';
import { ApiFailure } from '../domain/errors.js';

/** The machine-readable `code` the service puts in an error body, per status. */
const CODES: Record<number, string> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL_ERROR',
};

/** The spec's ErrorResponse: `{ success: false, error, message, code, details?, retryAfter? }`. */
export function errorResponse(
  failure: ApiFailure,
  extra: { retryAfter?: number; code?: string } = {},
) {
  const body: ErrorResponse = {
    success: false,
    error: failure.error,
    message: failure.message,
    code: extra.code ?? CODES[failure.status] ?? 'ERROR',
    ...(failure.details !== undefined && { details: failure.details }),
    ...(extra.retryAfter !== undefined && { retryAfter: extra.retryAfter }),
  };
  const headers: Record<string, string> = {};
  if (extra.retryAfter !== undefined) headers['retry-after'] = String(extra.retryAfter);
  return Response.json(body, { status: failure.status, headers });
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
