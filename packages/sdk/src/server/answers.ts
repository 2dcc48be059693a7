import type { ErrorResponse } from '@chatroutes/fetch/contract';

/** Every answer of the relay is one user's: no shared cache may give it to another. */
export const NO_STORE = { 'cache-control': 'private, no-store' };

/** An answer of the relay itself, in the API's error envelope, so the SDK reads it as usual. */
export function errorAnswer(status: number, code: string, message: string): Response {
  const body: ErrorResponse = { success: false, error: message, message, code };
  return Response.json(body, { status, headers: NO_STORE });
}

/**
 * "Not found", the one answer for an id that does not exist and for an id of another user's:
 * the relay gives it without asking the API in both cases, so nothing (status, body, headers,
 * timing) tells them apart.
 */
export const notFound = (what: string): Response =>
  errorAnswer(404, 'NOT_FOUND', `${what} not found`);

export const unauthorized = (): Response => errorAnswer(401, 'UNAUTHORIZED', 'Sign in first');

export const refused = (): Response => errorAnswer(403, 'FORBIDDEN', 'Operation not offered');

export const tooLarge = (limit: number): Response =>
  errorAnswer(413, 'PAYLOAD_TOO_LARGE', `Body over ${limit} bytes`);

export const badGateway = (): Response =>
  errorAnswer(502, 'BAD_GATEWAY', 'ChatRoutes did not answer');
