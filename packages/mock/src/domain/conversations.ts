import type { ConversationFilter } from '@chatroutes/fetch';
import { newBranch } from './branches.js';
import { sha256Hex } from './hashing.js';
import { DEFAULT_MODEL, resolveModelName } from './model-catalogue.js';
import type { ConversationRecord } from './records.js';
import type { MockState } from './state.js';

export const DEFAULT_CONVERSATION_TITLE = 'New Conversation';

/** The stable user id the mock shows for an API key (the key itself never appears). */
export function userIdFor(owner: string): string {
  return `usr_${sha256Hex(owner).slice(0, 12)}`;
}

/** Creates a conversation together with its main branch, as the service does. */
export function createConversation(
  state: MockState,
  owner: string,
  input: { title?: string; model?: string },
): ConversationRecord {
  const now = state.timestamp();
  const conversationId = state.newId('conv');
  const main = newBranch(
    state,
    {
      conversationId,
      parentBranchId: null,
      forkPointMessageId: null,
      baseNodeId: null,
      title: 'Main',
      isMain: true,
    },
    now,
  );
  const conversation: ConversationRecord = {
    id: conversationId,
    owner,
    userId: userIdFor(owner),
    title: input.title ?? DEFAULT_CONVERSATION_TITLE,
    model: resolveModelName(input.model, DEFAULT_MODEL),
    createdAt: now,
    updatedAt: now,
    sequence: state.nextSequence(),
    mainBranchId: main.id,
    branchIds: [main.id],
    deleted: false,
  };
  state.put('conversations', conversation);
  state.put('branches', main);
  return conversation;
}

/** One page of the caller's conversations, most recently updated first. */
export function listConversations(
  state: MockState,
  owner: string,
  query: { page: number; limit: number; filter: ConversationFilter },
): { conversations: ConversationRecord[]; total: number; hasNext: boolean } {
  // Nothing can be shared with another key in the mock, so `shared` is always empty.
  const matching =
    query.filter === 'shared'
      ? []
      : [...state.conversations.values()]
          .filter((conversation) => !conversation.deleted && conversation.owner === owner)
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.sequence - a.sequence);
  const start = (query.page - 1) * query.limit;
  return {
    conversations: matching.slice(start, start + query.limit),
    total: matching.length,
    hasNext: start + query.limit < matching.length,
  };
}

export function updateConversation(
  state: MockState,
  conversation: ConversationRecord,
  input: { title?: string },
): ConversationRecord {
  if (input.title !== undefined) conversation.title = input.title;
  state.touch(conversation);
  return conversation;
}

/** Soft delete: the conversation answers 404 from now on, its data stays in memory. */
export function deleteConversation(state: MockState, conversation: ConversationRecord): void {
  conversation.deleted = true;
  state.changed('conversations', conversation);
}
