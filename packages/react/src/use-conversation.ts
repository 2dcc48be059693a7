import type { ChatRoutes } from 'chatroutes';
import {
  CONVERSATION_ACTIONS,
  type ConversationActionName,
  type ConversationSnapshot,
  type ConversationStore,
  type ConversationStoreOptions,
} from 'chatroutes/store';
import { useMemo } from 'react';
import { loadingSnapshot } from './loading-snapshot.js';
import { useConversationSnapshot } from './use-conversation-snapshot.js';
import { useConversationStore } from './use-conversation-store.js';

/** The store's actions, bound, stable for the life of the store. */
export type ConversationActions = Pick<ConversationStore, ConversationActionName>;

/** What `useConversation` returns: the snapshot, the actions, and the store itself. */
export interface ConversationView extends ConversationSnapshot, ConversationActions {
  /** The store, for `usePathEntry` / `useConversationSnapshot` in child components. */
  readonly store: ConversationStore | undefined;
}

/**
 * Everything a chat UI needs for one conversation: the active branch's messages (`path`),
 * the versions at each divergence, the branch tree, the reply streaming in, errors, and the
 * actions (`send`, `stop`, `edit`, `regenerate`, `fork`, `switchBranch`, …). Re-renders on
 * each change of the snapshot; streaming updates are throttled (once per frame by default).
 *
 * ```tsx
 * const chat = useConversation(client, conversationId);
 * chat.path.map((entry) => <Message key={entry.key} entry={entry} />);
 * <button onClick={() => chat.send(text)} disabled={chat.streaming}>Send</button>
 * ```
 */
export function useConversation(
  client: ChatRoutes,
  conversationId: string | undefined,
  options?: ConversationStoreOptions,
): ConversationView {
  const store = useConversationStore(client, conversationId, options);
  const current = useConversationSnapshot(store);
  const loading = useMemo(() => loadingSnapshot(conversationId), [conversationId]);
  const snapshot = store ? current : loading;
  const actions = useMemo(() => boundActions(store), [store]);
  return { ...snapshot, ...actions, store };
}

/** The store's actions bound to it; before there is a store, ones that do nothing. */
function boundActions(store: ConversationStore | undefined): ConversationActions {
  const entries = CONVERSATION_ACTIONS.map((name) => {
    const action = store ? store[name].bind(store) : async () => {};
    return [name, action] as const;
  });
  return Object.fromEntries(entries) as unknown as ConversationActions;
}
