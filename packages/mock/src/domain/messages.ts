import type { MessageRole } from '@chatroutes/fetch';
import { sha256Hex } from './hashing.js';
import type { BranchRecord, ConversationRecord, MessageRecord } from './records.js';
import type { MockState } from './state.js';
import { countTokens } from './tokens.js';

/** Every live message of a conversation, on every branch, oldest first. */
export function conversationMessages(
  state: MockState,
  conversation: ConversationRecord,
): MessageRecord[] {
  return state
    .liveBranches(conversation)
    .flatMap((branch) => state.ownMessages(branch))
    .sort((a, b) => a.sequence - b.sequence);
}

/** Edits a message's text; its hash and token count follow. */
export function updateMessage(
  state: MockState,
  conversation: ConversationRecord,
  message: MessageRecord,
  content: string,
): MessageRecord {
  message.content = content;
  message.contentHash = sha256Hex(content);
  message.tokenCount = countTokens(content);
  state.touch(conversation);
  return message;
}

/** Soft delete: the message leaves every listing and every later context. */
export function deleteMessage(
  state: MockState,
  conversation: ConversationRecord,
  message: MessageRecord,
): void {
  message.deleted = true;
  state.touch(conversation);
}

/** Stores a new message at the end of a branch. */
export function appendMessage(
  state: MockState,
  conversation: ConversationRecord,
  branch: BranchRecord,
  input: { role: MessageRole; content: string; parentMessageId: string | null },
): MessageRecord {
  const message: MessageRecord = {
    id: state.newId('msg'),
    conversationId: conversation.id,
    branchId: branch.id,
    parentMessageId: input.parentMessageId,
    role: input.role,
    content: input.content,
    tokenCount: countTokens(input.content),
    contentHash: sha256Hex(input.content),
    createdAt: state.timestamp(),
    sequence: state.nextSequence(),
    deleted: false,
  };
  state.messages.set(message.id, message);
  branch.messageIds.push(message.id);
  state.touch(conversation, branch);
  return message;
}
