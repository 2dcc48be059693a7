/**
 * Returns `value` with every secret replaced by `[redacted]`: strings are rewritten, arrays
 * and objects copied with their strings (keys included) rewritten, anything else kept. The
 * client passes its own (which removes its API key) to every `MessageStream` it makes.
 */
export type Redact = <T>(value: T) => T;

/** What a secret becomes. */
export const REDACTED = '[redacted]';

// JSON that nests deeper than this is no error body a person reads; cutting it keeps the
// walk from exhausting the stack on a hostile answer.
const MAX_DEPTH = 64;

/**
 * The redaction applied to everything the server sends back before it reaches an error, a
 * log line or a caller: messages, details, codes, request ids, locations.
 *
 * It runs on parsed values, never on raw text: a JSON-escaped echo (`"\u0073k_…"`) only
 * looks like the key once decoded. The percent-encoded form is caught as well, for a key
 * echoed inside a URL.
 */
export function createRedactor(secret: string | undefined): Redact {
  // A client of a relay has no key, so nothing to remove.
  if (secret === undefined) return (value) => value;
  // The client's key is never empty (it is checked first), and neither is its encoded form.
  const encoded = encodeURIComponent(secret);
  const text = (value: string): string =>
    value.replaceAll(secret, REDACTED).replaceAll(encoded, REDACTED);
  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return text(value);
    if (typeof value !== 'object' || value === null) return value;
    if (depth >= MAX_DEPTH) return '[nested too deeply]';
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[text(key)] = walk(item, depth + 1);
    return copy;
  };
  return (<T>(value: T): T => walk(value, 0) as T) as Redact;
}
