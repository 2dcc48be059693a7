export type {
  Alternatives,
  BranchNode,
  ConversationListSnapshot,
  ConversationSnapshot,
  ConversationStoreOptions,
  PathEntry,
} from 'chatroutes/store';
export {
  type ConversationActions,
  type ConversationView,
  useConversation,
} from './use-conversation.js';
export { useConversationSnapshot, usePathEntry } from './use-conversation-snapshot.js';
export { useConversationStore } from './use-conversation-store.js';
export { type ConversationsView, useConversations } from './use-conversations.js';
