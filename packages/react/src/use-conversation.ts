import type { ChatRoutes } from 'chatroutes';
import type {
  ConversationSnapshot,
  ConversationStore,
  ConversationStoreOptions,
} from 'chatroutes/store';
import { useMemo } from 'react';
import { loadingSnapshot } from './loading-snapshot.js';
import { useConversationSnapshot } from './use-conversation-snapshot.js';
import { useConversationStore } from './use-conversation-store.js';

/** The store's actions, bound, stable for the life of the store. */
export type ConversationActions = Pick<
  ConversationStore,
  | 'send'
  | 'stop'
  | 'edit'
  | 'regenerate'
  | 'fork'
  | 'forkFromSuggestion'
  | 'switchBranch'
  | 'showPrevious'
  | 'showNext'
  | 'createCheckpoint'
  | 'suggestBranches'
  | 'dismissError'
  | 'refresh'
>;

/** What `useConversation` returns: the snapshot, the actions, and the store itself. */
export interface ConversationView extends ConversationSnapshot, ConversationActions {
  /** The store, for `usePathEntry` / `useConversationSnapshot` in child components. */
  readonly store: ConversationStore | undefined;
}

const idle = async () => {};

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
  const actions = useMemo((): ConversationActions => {
    if (!store) {
      return {
        send: idle,
        stop: () => {},
        edit: idle,
        regenerate: idle,
        fork: idle,
        forkFromSuggestion: idle,
        switchBranch: idle,
        showPrevious: idle,
        showNext: idle,
        createCheckpoint: idle,
        suggestBranches: idle,
        dismissError: () => {},
        refresh: idle,
      };
    }
    return {
      send: store.send.bind(store),
      stop: store.stop.bind(store),
      edit: store.edit.bind(store),
      regenerate: store.regenerate.bind(store),
      fork: store.fork.bind(store),
      forkFromSuggestion: store.forkFromSuggestion.bind(store),
      switchBranch: store.switchBranch.bind(store),
      showPrevious: store.showPrevious.bind(store),
      showNext: store.showNext.bind(store),
      createCheckpoint: store.createCheckpoint.bind(store),
      suggestBranches: store.suggestBranches.bind(store),
      dismissError: store.dismissError.bind(store),
      refresh: store.refresh.bind(store),
    };
  }, [store]);
  return { ...snapshot, ...actions, store };
}
