import type { ErrorResponse } from '@chatroutes/fetch';

/** An answer of the relay itself, in the API's error envelope, so the SDK reads it as usual. */
export function errorAnswer(
  status: number,
  code: string,
  error: string,
  message: string,
): Response {
  const body: ErrorResponse = { success: false, error, message, code };
  return Response.json(body, { status });
}

/**
 * "Not found", the one answer for an id that does not exist and for an id of another user's:
 * the relay gives it without asking the API in both cases, so nothing (status, body, headers,
 * timing) tells them apart.
 */
export const notFound = (what: string): Response =>
  errorAnswer(404, 'NOT_FOUND', 'Not found', `${what} not found`);

export const unauthorized = (): Response =>
  errorAnswer(401, 'UNAUTHORIZED', 'Unauthorized', 'Sign in first');

export const refused = (): Response =>
  errorAnswer(403, 'FORBIDDEN', 'Forbidden', 'Operation not offered');

export const tooLarge = (limit: number): Response =>
  errorAnswer(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', `Body over ${limit} bytes`);

export const badGateway = (): Response =>
  errorAnswer(502, 'BAD_GATEWAY', 'Bad gateway', 'ChatRoutes did not answer');
