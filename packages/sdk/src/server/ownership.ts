/** One page of a user's conversations, newest first. */
export interface OwnedPage {
  /** The conversations of the page, newest first. */
  ids: string[];
  /** How many conversations the user owns in all. */
  total: number;
}

/**
 * Where the relay records who owns which conversation, and which conversation each message
 * and checkpoint id it relayed belongs to (`/messages/{id}` and `/checkpoints/{id}` name no
 * conversation). It holds ids only, never conversation data. Every method may be async, so
 * a store over the network fits; `memoryOwnership()` is for development and tests, and
 * `storageOwnership()` keeps the records in a key-value store that survives a restart.
 */
export interface Ownership {
  /** The user who owns the conversation, or `undefined` when no user does. */
  ownerOf(conversationId: string): Promise<string | undefined>;
  /** Records `userId` as the owner of a conversation just created through the relay. */
  claim(conversationId: string, userId: string): Promise<void>;
  /**
   * Forgets a deleted conversation's owner. The ids learned in it may stay: they lead to a
   * conversation nobody owns, which answers "not found" (the API never reuses an id).
   */
  release(conversationId: string): Promise<void>;
  /** A page of the user's conversations, newest first. */
  list(userId: string, offset: number, limit: number): Promise<OwnedPage>;
  /** Records that these message, branch and checkpoint ids belong to the conversation. */
  learn(conversationId: string, resourceIds: readonly string[]): Promise<void>;
  /** The conversation a message or checkpoint id belongs to, if the relay has seen it. */
  locate(resourceId: string): Promise<string | undefined>;
  /** Forgets a deleted message or checkpoint. */
  forget(resourceId: string): Promise<void>;
}

/**
 * Ownership in this process's memory: lost on restart, not shared between instances. For
 * development and tests; deployments use a persistent store (`storageOwnership()`).
 */
export function memoryOwnership(): Ownership {
  const owners = new Map<string, string>();
  // Insertion order is claim order: reversed, newest first.
  const byUser = new Map<string, Set<string>>();
  const resources = new Map<string, string>();
  return {
    async ownerOf(conversationId) {
      return owners.get(conversationId);
    },
    async claim(conversationId, userId) {
      owners.set(conversationId, userId);
      const owned = byUser.get(userId) ?? new Set();
      byUser.set(userId, owned.add(conversationId));
    },
    async release(conversationId) {
      const userId = owners.get(conversationId);
      owners.delete(conversationId);
      if (userId !== undefined) byUser.get(userId)?.delete(conversationId);
    },
    async list(userId, offset, limit) {
      const ids = [...(byUser.get(userId) ?? [])].reverse();
      return { ids: ids.slice(offset, offset + limit), total: ids.length };
    },
    async learn(conversationId, resourceIds) {
      for (const id of resourceIds) resources.set(id, conversationId);
    },
    async locate(resourceId) {
      return resources.get(resourceId);
    },
    async forget(resourceId) {
      resources.delete(resourceId);
    },
  };
}
