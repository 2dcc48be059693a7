import { operations } from '../generated/spec.js';

/** Each operation's method and a pattern of its path (`/conversations/{id}` → one segment). */
const PATTERNS = operations.map((operation) => ({
  operationId: operation.operationId,
  method: operation.method.toUpperCase(),
  pattern: new RegExp(`^${operation.path.replace(/\{\w+\}/g, '[^/]+')}$`),
}));

/** The spec's operation id for a request, `unknown` for one the spec does not describe. */
export function operationOf(method: string, path: string): string {
  const found = PATTERNS.find((entry) => entry.method === method && entry.pattern.test(path));
  return found?.operationId ?? 'unknown';
}
