/**
 * `chatroutes/store`: the state of a branching chat UI, framework-free. A
 * `ConversationStore` reads a conversation once and derives the path of the active branch,
 * the versions at each divergence and the branch tree; its actions (send, edit, regenerate,
 * fork, switch) update one immutable snapshot. Importing `{ ChatRoutes }` does not pull it in.
 *
 * @module
 */
export { CONVERSATION_ACTIONS, type ConversationActionName } from './actions.js';
export {
  type ConversationListOptions,
  type ConversationListSnapshot,
  ConversationListStore,
  type ListAction,
} from './conversation-list.js';
export {
  ConversationStore,
  type ConversationStoreOptions,
  type StoreForkOptions,
  type StoreSendOptions,
} from './conversation-store.js';
export type { StreamThrottle } from './live-reply.js';
export type {
  Alternatives,
  BranchNode,
  ConversationSnapshot,
  ExchangeSuggestions,
  PathEntry,
  StoreAction,
} from './snapshot.js';
