import {
  type AppendMessage,
  type AssistantRuntime,
  type ExternalStoreAdapter,
  useExternalStoreRuntime,
} from '@assistant-ui/react';
import type { ModelName } from 'chatroutes';
import type {
  ConversationListStore,
  ConversationStore,
  StoreAction,
  StoreSendOptions,
} from 'chatroutes/store';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { threadListAdapter } from './thread-list.js';
import { ThreadMessages, threadMessageId } from './thread-messages.js';

/** Options of `useChatRoutesRuntime`; none is needed. */
export interface ChatRoutesRuntimeOptions {
  /** The user's conversations, for assistant-ui's thread list (`ThreadListPrimitive`). */
  conversations?: ConversationListStore | undefined;
  /**
   * The user picked a conversation in the thread list, or created one there: show it (make
   * the store of that id and pass it to this hook).
   */
  onSelectConversation?: ((conversationId: string) => void) | undefined;
}

/** The runtime for `<AssistantRuntimeProvider>`, plus what assistant-ui has no button for. */
export interface ChatRoutesRuntime extends AssistantRuntime {
  /**
   * Asks one question of several models at once (`store.compare`): their replies become the
   * versions of one reply, each with its model in `metadata.custom.model`.
   */
  compare(content: string, models: readonly ModelName[], options?: StoreSendOptions): Promise<void>;
}

// The actions that write a reply: assistant-ui shows a run (Stop, no send) during them.
const RUNS: readonly (StoreAction | undefined)[] = ['send', 'edit', 'regenerate', 'compare'];
const noSubscription = () => () => {};
const nothing = () => undefined;
const idle = async () => {};

/**
 * An assistant-ui runtime over a `ConversationStore`: the thread shows the store's path, the
 * BranchPicker the server's versions at every divergence (switching to a branch already read
 * makes no request); sending, editing (`store.edit`), reloading (`store.regenerate`) and
 * cancelling (`store.stop`) are the store's actions. The store is opened if it was not, and
 * never disposed: it belongs to whoever made it.
 *
 * ```tsx
 * const runtime = useChatRoutesRuntime(store);
 * return <AssistantRuntimeProvider runtime={runtime}><Thread /></AssistantRuntimeProvider>;
 * ```
 */
export function useChatRoutesRuntime(
  store: ConversationStore | undefined,
  options: ChatRoutesRuntimeOptions = {},
): ChatRoutesRuntime {
  const { conversations, onSelectConversation } = options;
  const snapshot = useSyncExternalStore(
    store?.subscribe ?? noSubscription,
    store?.getSnapshot ?? nothing,
    store?.getSnapshot ?? nothing,
  );
  const list = useSyncExternalStore(
    conversations?.subscribe ?? noSubscription,
    conversations?.getSnapshot ?? nothing,
    conversations?.getSnapshot ?? nothing,
  );
  useEffect(() => void store?.open(), [store]);
  useEffect(() => void conversations?.open(), [conversations]);
  // Its caches are keyed by the store's entries, so one serves every store this hook shows.
  const [messages] = useState(() => new ThreadMessages());
  const messageRepository = useMemo(
    () =>
      snapshot &&
      messages.repository(snapshot, (key, forward) =>
        forward ? store?.showNext(key) : store?.showPrevious(key),
      ),
    [messages, snapshot, store],
  );
  const adapter: ExternalStoreAdapter = {
    isLoading: !snapshot || snapshot.status === 'loading',
    isRunning: RUNS.includes(snapshot?.pending),
    messageRepository: messageRepository ?? { messages: [] },
    setMessages: (path) => messages.switchTo(path),
    onNew: async (message) => store?.send(textOf(message)),
    onEdit: async (message) => {
      if (message.sourceId) await store?.edit(message.sourceId, textOf(message));
    },
    // assistant-ui names the message before the reply to reload: the question.
    onReload: async (parentId) => {
      const path = store?.getSnapshot().path ?? [];
      const question = path.findIndex((entry) => threadMessageId(entry) === parentId);
      const reply = path[question + 1];
      if (reply) await store?.regenerate(reply.message.id);
    },
    onCancel: async () => store?.stop(),
    adapters: conversations &&
      list && {
        threadList: threadListAdapter(
          conversations,
          list,
          store?.conversationId,
          onSelectConversation,
        ),
      },
  };
  const runtime = useExternalStoreRuntime(adapter);
  // assistant-ui's runtime plus `compare`, on an object of its own: the runtime itself is
  // assistant-ui's, left as it is.
  return useMemo(
    () =>
      Object.assign(Object.create(runtime) as AssistantRuntime, {
        compare: store ? store.compare.bind(store) : idle,
      }),
    [runtime, store],
  );
}

/** The text of a message the composer wrote (its text parts, in order). */
function textOf(message: AppendMessage): string {
  return message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}
