import { ChatRoutesError } from '../core/errors.js';
import { isRecord } from './json.js';

/**
 * Unwrapping of the `{ success, data: { … } }` envelope. The pipeline has already refused
 * non-JSON and `success: false` bodies; what is left to check is that the promised field is
 * really there, so a malformed answer fails loudly here instead of as `undefined` later.
 */
export function envelopeData<T>(body: { data?: T } | undefined): NonNullable<T> {
  const data = body?.data;
  if (data === undefined || data === null) throw malformed('`data`');
  return data;
}

export function pick<T, K extends keyof T>(
  body: { data?: T } | undefined,
  key: K,
): NonNullable<T[K]> {
  const data = envelopeData(body);
  const value = isRecord(data) ? data[key] : undefined;
  if (value === undefined || value === null) throw malformed(`\`data.${String(key)}\``);
  return value as NonNullable<T[K]>;
}

export function malformed(what: string): ChatRoutesError {
  return new ChatRoutesError(`The response has no ${what}: it does not match the API`, {
    code: 'invalid_response',
  });
}
