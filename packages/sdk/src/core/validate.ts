/**
 * Argument checks that run before any request, so a mistake is reported where it was made,
 * naming the argument, instead of as a confusing 404 or a request to the wrong path.
 */

export function requireId(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`${name} must be a non-empty string, got ${describe(value)}`);
  }
  return value;
}

export function requireString(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`${name} must be a non-empty string, got ${describe(value)}`);
  }
  return value;
}

export function requireObject<T extends object>(name: string, value: T): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be an object, got ${describe(value)}`);
  }
  return value;
}

export function optionalObject<T extends object>(
  name: string,
  value: T | undefined,
): T | undefined {
  return value === undefined ? undefined : requireObject(name, value);
}

/** A duration in milliseconds: finite and > 0. */
export function requirePositive(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(
      `${name} must be a positive number of milliseconds, got ${describe(value)}`,
    );
  }
  return value;
}

/** A delay in milliseconds: finite and >= 0. */
export function requireNonNegative(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a number of milliseconds >= 0, got ${describe(value)}`);
  }
  return value;
}

/** A count: an integer >= 0. */
export function requireCount(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be an integer >= 0, got ${describe(value)}`);
  }
  return value;
}

/** Names the received value without echoing it: a string argument could be a secret. */
function describe(value: unknown): string {
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a blank string';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return String(value);
  return typeof value;
}
