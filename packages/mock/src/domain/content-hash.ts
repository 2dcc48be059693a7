import { sha256Hex } from './hashing.js';
import type { MessageRecord } from './records.js';

/** What a message's `contentHash` covers. */
export type HashedFields = Pick<
  MessageRecord,
  'role' | 'content' | 'parentMessageId' | 'branchId' | 'createdAt' | 'metadata'
>;

/**
 * A message's `contentHash` as the official Python SDK's notebook recomputes it "with the same
 * algorithm as the backend": SHA-256 (hex) of
 * `json.dumps({v, role, content, model, parentMessageId, branchId, createdAt}, separators=(',', ':'))`.
 * `model` is the reply's `metadata.model`, null for a message without metadata.
 * `chatroutes` has its own copy of this writer (Web Crypto, asynchronous); both are tested
 * against the same vectors. Importing a snapshot keeps the hashes it holds, never recomputing
 * them: the service never rewrites a written hash, and a test can seed a tampered message.
 */
export function contentHash(message: HashedFields): string {
  const fields = [
    ['role', message.role],
    ['content', message.content],
    ['model', message.metadata?.model ?? null],
    ['parentMessageId', message.parentMessageId],
    ['branchId', message.branchId],
    ['createdAt', message.createdAt],
  ] as const;
  const members = fields.map(([name, value]) => `"${name}":${jsonValue(value)}`);
  return sha256Hex(`{"v":1,${members.join(',')}}`);
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
 * A string or null as Python's `json.dumps` writes it by default (`ensure_ascii=True`): every
 * character outside printable ASCII becomes `\uXXXX` in lowercase hex. The pattern has no `u`
 * flag, so it walks UTF-16 code units and an astral character comes out as its surrogate pair,
 * as Python writes it.
 */
function jsonValue(value: string | null): string {
  if (value === null) return 'null';
  const escaped = value.replace(
    /["\\]|[^ -~]/g,
    (unit) => SHORT_ESCAPES[unit] ?? `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${escaped}"`;
}
