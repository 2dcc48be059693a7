import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * SHA-256 hex digest, as in a message's `contentHash`. Pure JavaScript rather than
 * `node:crypto`, so the mock runs in browsers and workers; synchronous, unlike Web Crypto.
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
