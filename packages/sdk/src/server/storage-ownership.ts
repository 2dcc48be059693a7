import type { Ownership } from './ownership.js';

/**
 * The part of a key-value store `storageOwnership()` uses: an `unstorage` `Storage` has it
 * (over Redis, Cloudflare KV, Vercel KV, SQL…), and so can any store with a small wrapper.
 * Values are plain objects: stores that parse what they read (unstorage turns `"123"` into a
 * number) give them back as they were written.
 */
export interface KeyValueStorage {
  /** The value stored at `key`, or `null` when there is none. */
  getItem(key: string): Promise<unknown>;
  /** Stores `value` at `key`, replacing what was there. */
  setItem(key: string, value: Record<string, string>): Promise<void>;
  /** Removes what is stored at `key`, if anything. */
  removeItem(key: string): Promise<void>;
  /** Every key that starts with `base` (a prefix ending in `:`). */
  getKeys(base: string): Promise<string[]>;
}

// Ids are percent-encoded inside keys, so none holds the `:` that separates their parts.
const encode = encodeURIComponent;
const ownerKey = (conversationId: string) => `owner:${encode(conversationId)}`;
const ownedBase = (userId: string) => `owned:${encode(userId)}:`;
const resourceKey = (resourceId: string) => `in:${encode(resourceId)}`;

/**
 * Ownership kept in a persistent key-value store, shared by every instance of the app and
 * kept across restarts. Keys: `owner:<conversation>` → `{ userId, at }`;
 * `owned:<user>:<at>:<conversation>`, one per conversation, so a user's list is one key
 * listing, in claim order; `in:<message or checkpoint>` → `{ conversationId }`.
 */
export function storageOwnership(storage: KeyValueStorage): Ownership {
  /** The record at `key`, its fields strings or `undefined`. */
  const read = async (key: string): Promise<Partial<Record<string, string>>> => {
    const value = (await storage.getItem(key)) as Record<string, unknown> | null;
    return Object.fromEntries(
      Object.entries(value ?? {}).filter(([, field]) => typeof field === 'string'),
    ) as Record<string, string>;
  };
  return {
    ownerOf: async (conversationId) => (await read(ownerKey(conversationId))).userId,
    async claim(conversationId, userId) {
      // Fixed width, so that keys sort as claim times do.
      const at = String(Date.now()).padStart(15, '0');
      await storage.setItem(ownerKey(conversationId), { userId, at });
      await storage.setItem(`${ownedBase(userId)}${at}:${encode(conversationId)}`, {});
    },
    async release(conversationId) {
      const key = ownerKey(conversationId);
      const { userId, at } = await read(key);
      await storage.removeItem(key);
      if (userId !== undefined && at !== undefined) {
        await storage.removeItem(`${ownedBase(userId)}${at}:${encode(conversationId)}`);
      }
    },
    async list(userId, offset, limit) {
      const keys = (await storage.getKeys(ownedBase(userId))).sort().reverse();
      const ids = keys
        .slice(offset, offset + limit)
        .map((key) => decodeURIComponent(key.slice(key.lastIndexOf(':') + 1)));
      return { ids, total: keys.length };
    },
    async learn(conversationId, resourceIds) {
      await Promise.all(
        resourceIds.map((id) => storage.setItem(resourceKey(id), { conversationId })),
      );
    },
    locate: async (resourceId) => (await read(resourceKey(resourceId))).conversationId,
    forget: (resourceId) => storage.removeItem(resourceKey(resourceId)),
  };
}
