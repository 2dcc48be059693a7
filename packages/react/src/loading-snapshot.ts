import type { ConversationSnapshot } from 'chatroutes/store';

/** What the hooks show before a store exists: loading, nothing in it. */
export function loadingSnapshot(conversationId: string | undefined): ConversationSnapshot {
  return Object.freeze({
    conversationId: conversationId ?? '',
    status: 'loading',
    conversation: undefined,
    branches: [],
    tree: [],
    activeBranchId: undefined,
    path: [],
    streaming: false,
    streamingBranchId: undefined,
    pending: undefined,
    error: undefined,
    unsent: undefined,
    checkpoint: undefined,
    suggestions: undefined,
  });
}
