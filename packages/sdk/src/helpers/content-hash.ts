import type { Message } from '@chatroutes/fetch/contract';

/** The fields of a message its `contentHash` covers. */
export type HashedMessage = Pick<
  Message,
  'role' | 'content' | 'parentMessageId' | 'branchId' | 'createdAt' | 'metadata'
>;

/**
 * Recomputes a message's `contentHash`: SHA-256 (lowercase hex) of the compact JSON
 * `{"v":1,"role","content","model","parentMessageId","branchId","createdAt"}`, the algorithm
 * the official Python SDK's notebook uses, `model` being the reply's `metadata.model` (`null`
 * without it). Strings are escaped as Python's `json.dumps` does by default; the API reference
 * of `Message.contentHash` says which details are known and which inferred. Web Crypto, so it
 * runs on every runtime the SDK supports. `@chatroutes/mock` writes the same JSON with its own
 * copy of these lines (it may not depend on this package, and it hashes synchronously); the
 * tests of both check the same vectors, and this one against the mock's stored messages.
 */
export async function contentHashOf(message: HashedMessage): Promise<string> {
  const fields = [
    ['role', message.role],
    ['content', message.content],
    ['model', message.metadata?.model ?? null],
    ['parentMessageId', message.parentMessageId ?? null],
    ['branchId', message.branchId ?? null],
    ['createdAt', message.createdAt],
  ] as const;
  const members = fields.map(([name, value]) => `"${name}":${jsonValue(value)}`);
  const json = `{"v":1,${members.join(',')}}`;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(json));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether a message is the one the service hashed: its fields give its `contentHash`. A
 * message without a `contentHash` (older messages have none) answers `false`, as there is
 * nothing to check it against.
 */
export async function verifyContentHash(
  message: HashedMessage & Pick<Message, 'contentHash'>,
): Promise<boolean> {
  if (message.contentHash === undefined) return false;
  return (await contentHashOf(message)) === message.contentHash;
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * A string or null as `json.dumps` writes it with `ensure_ascii` (its default): anything
 * outside printable ASCII as `\uXXXX`, lowercase. No `u` flag, so the pattern walks UTF-16
 * code units and an astral character becomes its surrogate pair, as in Python.
 */
function jsonValue(value: string | null): string {
  if (value === null) return 'null';
  const escaped = value.replace(
    /["\\]|[^ -~]/g,
    (unit) => SHORT_ESCAPES[unit] ?? `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${escaped}"`;
}
