import { contentHashInput } from '@chatroutes/fetch/contract';
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
 * `model` is the reply's `metadata.model`, null for a message without metadata. The JSON is
 * `@chatroutes/fetch`'s `contentHashInput`, which `chatroutes` hashes too. Importing a
 * snapshot keeps the hashes it holds, never recomputing them: the service never rewrites a
 * written hash, and a test can seed a tampered message.
 */
export function contentHash(message: HashedFields): string {
  return sha256Hex(contentHashInput(message));
}
