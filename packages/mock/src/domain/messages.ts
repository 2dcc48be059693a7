import { sha256Hex } from './hashing.js';
import type { ConversationRecord, MessageRecord } from './records.js';
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
