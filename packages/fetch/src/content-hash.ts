import type { Message } from './generated/schemas.js';

/** The fields of a message its `contentHash` covers. */
export type HashedMessage = Pick<
  Message,
  'role' | 'content' | 'parentMessageId' | 'branchId' | 'createdAt' | 'metadata'
>;

/**
 * The text a message's `contentHash` is the SHA-256 (lowercase hex) of: the compact JSON
 * `{"v":1,"role","content","model","parentMessageId","branchId","createdAt"}`, the algorithm
 * the official Python SDK's notebook recomputes, `model` being the reply's `metadata.model`
 * (`null` without it) and an absent parent or branch `null`. Strings are escaped as Python's
 * `json.dumps` does by default; the spec's `Message.contentHash` says which details are known
 * and which inferred. Only the text: `chatroutes` hashes it with Web Crypto, the mock with its
 * own synchronous SHA-256, and both write it with this one function.
 */
export function contentHashInput(message: HashedMessage): string {
  const fields = [
    ['role', message.role],
    ['content', message.content],
    ['model', message.metadata?.model ?? null],
    ['parentMessageId', message.parentMessageId ?? null],
    ['branchId', message.branchId ?? null],
    ['createdAt', message.createdAt],
  ] as const;
  const members = fields.map(([name, value]) => `"${name}":${jsonValue(value)}`);
  return `{"v":1,${members.join(',')}}`;
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
