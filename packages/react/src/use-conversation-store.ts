import type { ChatRoutes } from 'chatroutes';
import { ConversationStore, type ConversationStoreOptions } from 'chatroutes/store';
import { useEffect, useRef, useState } from 'react';

/**
 * The `ConversationStore` of a conversation, opened on mount and disposed on unmount or when
 * the client or the id changes. The other options (`model`, `branchId`, `throttle`) are
 * applied to the living store with `setOptions`, so changing the model neither reads the
 * conversation again nor cuts a reply that is streaming. `undefined` until the first effect
 * ran (and while `conversationId` is `undefined`), so it is safe in React's Strict Mode,
 * which runs effects twice: each run gets its own store.
 */
export function useConversationStore(
  client: ChatRoutes,
  conversationId: string | undefined,
  options: ConversationStoreOptions = {},
): ConversationStore | undefined {
  const [store, setStore] = useState<ConversationStore>();
  const { branchId, model, throttle } = options;
  // The options a new store starts with: the latest ones, not those of the render that made it.
  const latest = useRef<ConversationStoreOptions>({});
  latest.current = definedOptions({ branchId, model, throttle });
  useEffect(() => {
    if (!conversationId) {
      setStore(undefined);
      return;
    }
    const next = new ConversationStore(client, conversationId, latest.current);
    setStore(next);
    void next.open();
    return () => next.dispose();
  }, [client, conversationId]);
  useEffect(() => {
    store?.setOptions(definedOptions({ branchId, model, throttle }));
  }, [store, branchId, model, throttle]);
  // Between a change of id and the effect that follows, the old store must not show.
  return store?.conversationId === conversationId ? store : undefined;
}

function definedOptions(options: ConversationStoreOptions): ConversationStoreOptions {
  return {
    ...(options.branchId !== undefined && { branchId: options.branchId }),
    ...(options.model !== undefined && { model: options.model }),
    ...(options.throttle !== undefined && { throttle: options.throttle }),
  };
}
