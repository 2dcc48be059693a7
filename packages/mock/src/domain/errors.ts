/**
 * A failure the service would answer with a JSON error body. Domain code throws it; the
 * HTTP layer turns it into `{ success: false, error, message, code, details }` with `status`.
 */
export class ApiFailure extends Error {
  readonly status: number;
  readonly error: string;
  readonly details: unknown;
  /** The body's `code`; by default the one of the status (`NOT_FOUND` for 404, …). */
  readonly code: string | undefined;

  constructor(status: number, error: string, message: string, details?: unknown, code?: string) {
    super(message);
    this.name = 'ApiFailure';
    this.status = status;
    this.error = error;
    this.details = details;
    this.code = code;
  }
}

/** The resource the path names does not exist (or is another key's): 404 `NOT_FOUND`. */
export function notFound(what: string): ApiFailure {
  return new ApiFailure(404, 'Not found', `${what} not found`);
}

/**
 * An id given in the body or the query (`baseNodeId`, `branchId`, …) names nothing: 404 with
 * its own code, `REFERENCE_NOT_FOUND`, and the field in `details`, so that a client can tell
 * it from "the conversation in the path is gone".
 */
export function referenceNotFound(what: string, field: string): ApiFailure {
  return new ApiFailure(
    404,
    'Not found',
    `${what} not found (${field})`,
    [{ field, message: `names no ${what.toLowerCase()} of this conversation` }],
    'REFERENCE_NOT_FOUND',
  );
}

/** A refused request; like the service, the short `error` repeats the message. */
export function badRequest(message: string, details?: unknown): ApiFailure {
  return new ApiFailure(400, message, message, details);
}
