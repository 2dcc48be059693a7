/**
 * A failure the service would answer with a JSON error body. Domain code throws it; the
 * HTTP layer turns it into `{ success: false, error, message, details }` with `status`.
 */
export class ApiFailure extends Error {
  readonly status: number;
  readonly error: string;
  readonly details: unknown;

  constructor(status: number, error: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiFailure';
    this.status = status;
    this.error = error;
    this.details = details;
  }
}

export function notFound(what: string): ApiFailure {
  return new ApiFailure(404, 'Not found', `${what} not found`);
}

/** A refused request; like the service, the short `error` repeats the message. */
export function badRequest(message: string, details?: unknown): ApiFailure {
  return new ApiFailure(400, message, message, details);
}
