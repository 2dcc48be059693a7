export {
  ConversationStore,
  type ConversationStoreOptions,
  type StoreForkOptions,
  type StoreSendOptions,
} from './conversation-store.js';
export type {
  Alternatives,
  BranchNode,
  ConversationSnapshot,
  ExchangeSuggestions,
  PathEntry,
  StoreAction,
} from './snapshot.js';
export type { StreamThrottle } from './throttle.js';
