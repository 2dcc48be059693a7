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

/**
 * The JSON text of a request body, encoded before any request is opened: a value JSON cannot
 * encode (a BigInt, a cycle) is a programming error to report at once, never a retried failure.
 */
export function encodeJson(name: string, value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (cause) {
    const reason = cause instanceof Error ? `: ${cause.message}` : '';
    throw new TypeError(`${name} cannot be encoded as JSON${reason}`, { cause });
  }
}

export function optionalObject<T extends object>(
  name: string,
  value: T | undefined,
): T | undefined {
  return value === undefined ? undefined : requireObject(name, value);
}

/**
 * The longest delay a timer can honour (2^31 − 1 ms, about 24.8 days). Node fires a longer
 * `setTimeout` after 1 ms instead, so a larger duration would make every call time out at once.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/** A duration in milliseconds: finite, > 0 and within {@link MAX_TIMER_MS}. */
export const requirePositive = (name: string, value: unknown) => number(name, value, 'positive');
/** A delay in milliseconds: finite, >= 0 and within {@link MAX_TIMER_MS}. */
export const requireNonNegative = (name: string, value: unknown) =>
  number(name, value, 'non-negative');
/** A count: an integer >= 0. */
export const requireCount = (name: string, value: unknown) => number(name, value, 'count');

/** A page number or a page size: an integer >= 1 (a string such as `"1"` is refused). */
export function requirePositiveInteger(name: string, value: unknown): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    fail(name, 'an integer >= 1', value, RangeError);
  }
  return value as number;
}

/** A check of one numeric setting, given the name it is reported under. */
export type NumberCheck = (name: string, value: unknown) => number;

/**
 * Numeric settings, checked by one table: for each key of `checks`, the value `given` has
 * (checked, reported as `${prefix}${key}`), else the one `fallback` has (already valid).
 */
export function numberSettings<Key extends string>(
  checks: Record<Key, NumberCheck>,
  given: NoInfer<Partial<Record<Key, unknown>>>,
  fallback: NoInfer<Record<Key, number>>,
  prefix = '',
): Record<Key, number> {
  const settings = {} as Record<Key, number>;
  for (const key in checks) {
    const value = given[key];
    settings[key] = value === undefined ? fallback[key] : checks[key](prefix + key, value);
  }
  return settings;
}

function number(name: string, value: unknown, rule: 'positive' | 'non-negative' | 'count'): number {
  const duration = rule !== 'count';
  const valid =
    typeof value === 'number' &&
    (rule === 'positive' ? value > 0 : value >= 0) &&
    (duration ? value <= MAX_TIMER_MS : Number.isSafeInteger(value));
  if (!valid) {
    const expected = duration ? `a ${rule} number of ms up to ${MAX_TIMER_MS}` : 'an integer >= 0';
    fail(name, expected, value, RangeError);
  }
  return value as number;
}

function fail(name: string, expected: string, value: unknown, type = TypeError): never {
  // The value is described, never echoed: a string argument could be a secret.
  const got = typeof value === 'number' ? value : value === null ? 'null' : typeof value;
  throw new type(`${name} must be ${expected}, got ${got}`);
}
