import type { MessageRole } from '@chatroutes/fetch';
import { contentHash } from './content-hash.js';
import type {
  BranchRecord,
  ConversationRecord,
  MessageMetadataRecord,
  MessageRecord,
} from './records.js';
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
  message.contentHash = contentHash(message);
  message.tokenCount = countTokens(content);
  state.changed('messages', message);
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
  state.changed('messages', message);
  state.touch(conversation);
}

/** Stores a new message at the end of a branch. */
export function appendMessage(
  state: MockState,
  conversation: ConversationRecord,
  branch: BranchRecord,
  input: {
    role: MessageRole;
    content: string;
    parentMessageId: string | null;
    metadata?: MessageMetadataRecord;
  },
): MessageRecord {
  const id = state.newId('msg');
  const createdAt = state.timestamp();
  // The hash covers the reply's model: its metadata comes with the message, never after.
  const hashed = { ...input, branchId: branch.id, createdAt };
  const message: MessageRecord = {
    id,
    conversationId: conversation.id,
    branchId: branch.id,
    parentMessageId: input.parentMessageId,
    role: input.role,
    content: input.content,
    tokenCount: countTokens(input.content),
    contentHash: contentHash(hashed),
    createdAt,
    sequence: state.nextSequence(),
    ...(input.metadata && { metadata: input.metadata }),
    deleted: false,
  };
  state.put('messages', message);
  branch.messageIds.push(message.id);
  state.touch(conversation, branch);
  return message;
}
