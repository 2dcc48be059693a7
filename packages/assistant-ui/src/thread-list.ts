import type { ExternalStoreThreadListAdapter } from '@assistant-ui/react';
import type { ConversationListSnapshot, ConversationListStore } from 'chatroutes/store';

/**
 * assistant-ui's thread list over a `ConversationListStore`: the user's conversations as
 * threads, the one shown as the current thread; creating, renaming and deleting go through
 * the list store. Which conversation is shown stays the app's: `select` is asked to show one.
 */
export function threadListAdapter(
  list: ConversationListStore,
  snapshot: ConversationListSnapshot,
  threadId: string | undefined,
  select: ((conversationId: string) => void) | undefined,
): ExternalStoreThreadListAdapter {
  return {
    threadId,
    isLoading: snapshot.status === 'loading',
    threads: snapshot.conversations.map(({ id, title }) => ({ status: 'regular', id, title })),
    onSwitchToNewThread: async () => {
      const created = await list.create();
      if (created) select?.(created.id);
    },
    onSwitchToThread: (conversationId) => select?.(conversationId),
    onRename: (conversationId, title) => list.rename(conversationId, title),
    onDelete: (conversationId) => list.remove(conversationId),
  };
}
