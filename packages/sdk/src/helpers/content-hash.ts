import { contentHashInput, type HashedMessage, type Message } from '@chatroutes/fetch/contract';

/**
 * Recomputes a message's `contentHash`: SHA-256 (lowercase hex) of the compact JSON of its
 * fields (see `contentHashInput` of `@chatroutes/fetch`, which writes it, and the API
 * reference of `Message.contentHash`). Web Crypto, so it runs on every runtime the SDK supports.
 */
export async function contentHashOf(message: HashedMessage): Promise<string> {
  const bytes = new TextEncoder().encode(contentHashInput(message));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
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
