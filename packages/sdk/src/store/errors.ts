// The error classes themselves, not the package index, so that the store's bundle does not
// carry the client.
import { ChatRoutesError } from '../core/errors.js';

/**
 * Every failure lands in the snapshot as a `ChatRoutesError`. The SDK's argument checks
 * throw `TypeError`/`RangeError` (they are programming errors in a script); in a UI they are
 * usually user input, so they become `ChatRoutesError`s with code `invalid_argument`.
 */
export function asChatRoutesError(error: unknown): ChatRoutesError {
  if (error instanceof ChatRoutesError) return error;
  if (error instanceof TypeError || error instanceof RangeError) {
    return new ChatRoutesError(error.message, { code: 'invalid_argument', cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ChatRoutesError(message, { code: 'unexpected', cause: error });
}

/** A mistake in how the store was called (unknown message, wrong role, empty text). */
export function invalidArgument(message: string): ChatRoutesError {
  return new ChatRoutesError(message, { code: 'invalid_argument' });
}
