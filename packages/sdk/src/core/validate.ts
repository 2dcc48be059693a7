/**
 * Argument checks that run before any request, so a mistake is reported where it was made,
 * naming the argument, instead of as a confusing 404 or a request to the wrong path.
 */

/** A non-blank string: ids, texts, keys. */
export function requireString(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') fail(name, 'a non-empty string', value);
  return value;
}

/** Validates every id of a path at once, each named by its key. */
export function requireIds<T extends Record<string, string>>(ids: T): T {
  for (const [name, value] of Object.entries(ids)) requireString(name, value);
  return ids;
}

export function requireObject<T extends object>(name: string, value: T): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(name, 'an object', value);
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
export const requirePositive = (name: string, value: unknown) => number(name, value, 'positive');
/** A delay in milliseconds: finite and >= 0. */
export const requireNonNegative = (name: string, value: unknown) =>
  number(name, value, 'non-negative');
/** A count: an integer >= 0. */
export const requireCount = (name: string, value: unknown) => number(name, value, 'count');

function number(name: string, value: unknown, rule: 'positive' | 'non-negative' | 'count'): number {
  const valid =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (rule === 'positive' ? value > 0 : value >= 0) &&
    (rule !== 'count' || Number.isInteger(value));
  if (!valid)
    fail(name, rule === 'count' ? 'an integer >= 0' : `a ${rule} number`, value, RangeError);
  return value as number;
}

function fail(name: string, expected: string, value: unknown, type = TypeError): never {
  // The value is described, never echoed: a string argument could be a secret.
  const got = typeof value === 'number' ? value : value === null ? 'null' : typeof value;
  throw new type(`${name} must be ${expected}, got ${got}`);
}
