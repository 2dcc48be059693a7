import type { ChatRoutes } from 'chatroutes';
import {
  type ConversationListOptions,
  type ConversationListSnapshot,
  ConversationListStore,
} from 'chatroutes/store';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';

/** What `useConversations` returns: the list's state and its actions. */
export interface ConversationsView extends ConversationListSnapshot {
  /** Reads the next page and adds it. */
  readonly loadMore: ConversationListStore['loadMore'];
  /** Creates a conversation, lists it first and resolves with it. */
  readonly create: ConversationListStore['create'];
  /** Renames a conversation. */
  readonly rename: ConversationListStore['rename'];
  /** Deletes a conversation and unlists it. */
  readonly remove: ConversationListStore['remove'];
  /** Reads the first page again. */
  readonly refresh: ConversationListStore['refresh'];
  /** Clears `error`. */
  readonly dismissError: ConversationListStore['dismissError'];
}

const loading: ConversationListSnapshot = {
  status: 'loading',
  conversations: [],
  hasMore: false,
  pending: undefined,
  error: undefined,
};
const noop = () => () => {};
const idle = async () => undefined;

/**
 * The user's conversations for a sidebar: the first page on mount, `loadMore`, `create`,
 * `rename`, `remove`. One list store per client, disposed on unmount; opening only reads,
 * so Strict Mode's double effects never create a conversation twice.
 */
export function useConversations(
  client: ChatRoutes,
  options: ConversationListOptions = {},
): ConversationsView {
  const [list, setList] = useState<ConversationListStore>();
  const { limit } = options;
  useEffect(() => {
    const next = new ConversationListStore(client, limit !== undefined ? { limit } : {});
    setList(next);
    void next.open();
    return () => next.dispose();
  }, [client, limit]);
  const snapshot = useSyncExternalStore(
    list?.subscribe ?? noop,
    list?.getSnapshot ?? (() => loading),
    list?.getSnapshot ?? (() => loading),
  );
  const actions = useMemo(
    () => ({
      loadMore: list ? list.loadMore.bind(list) : idle,
      create: list ? list.create.bind(list) : idle,
      rename: list ? list.rename.bind(list) : idle,
      remove: list ? list.remove.bind(list) : idle,
      refresh: list ? list.refresh.bind(list) : idle,
      dismissError: list ? list.dismissError.bind(list) : () => {},
    }),
    [list],
  );
  return { ...snapshot, ...actions };
}
