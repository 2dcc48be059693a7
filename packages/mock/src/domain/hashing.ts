import { createHash } from 'node:crypto';

/** SHA-256 hex digest, the `contentHash` format of the service. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
