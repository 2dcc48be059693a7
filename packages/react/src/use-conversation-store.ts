import type { ChatRoutes } from 'chatroutes';
import { ConversationStore, type ConversationStoreOptions } from 'chatroutes/store';
import { useEffect, useState } from 'react';

/**
 * The `ConversationStore` of a conversation, opened on mount and disposed on unmount or when
 * the client, the id or an option changes. `undefined` until the first effect ran (and
 * while `conversationId` is `undefined`), so it is safe in React's Strict Mode, which runs
 * effects twice: each run gets its own store.
 */
export function useConversationStore(
  client: ChatRoutes,
  conversationId: string | undefined,
  options: ConversationStoreOptions = {},
): ConversationStore | undefined {
  const [store, setStore] = useState<ConversationStore>();
  const { branchId, model, throttle } = options;
  useEffect(() => {
    if (!conversationId) {
      setStore(undefined);
      return;
    }
    const next = new ConversationStore(client, conversationId, {
      ...(branchId !== undefined && { branchId }),
      ...(model !== undefined && { model }),
      ...(throttle !== undefined && { throttle }),
    });
    setStore(next);
    void next.open();
    return () => next.dispose();
  }, [client, conversationId, branchId, model, throttle]);
  // Between a change of id and the effect that follows, the old store must not show.
  return store?.conversationId === conversationId ? store : undefined;
}
