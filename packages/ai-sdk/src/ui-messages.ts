import type { UIMessage } from 'ai';
import { contextInfo, type Message } from 'chatroutes';

/**
 * What a ChatRoutes message carries as its `UIMessage.metadata`: where the server stored it,
 * and for a reply what its context was built from and what it counted.
 */
export interface ChatRoutesMessageMetadata {
  /** The id the server gave the message (also the `UIMessage`'s id). */
  messageId: string;
  /** The branch it was written on (`null` for messages older than branches). */
  branchId: string | null;
  /** For a reply: whether it was written from a checkpoint summary. */
  checkpointUsed?: boolean;
  /** For a reply: its token counts, where the server reported them. */
  usage?: ChatRoutesUsage;
}

/** The token counts of a reply, where the server reported them. */
export interface ChatRoutesUsage {
  /** Tokens of the context sent to the model. */
  inputTokens?: number;
  /** Tokens of the reply. */
  outputTokens?: number;
}

/** A `UIMessage` of a ChatRoutes conversation. */
export type ChatRoutesUIMessage = UIMessage<ChatRoutesMessageMetadata>;

/**
 * Messages of a branch as the AI SDK's `UIMessage`s, in the same order: the server's ids as
 * their ids, one text part each, and {@link ChatRoutesMessageMetadata}. Give it
 * `await client.branches.getMessages(conversationId, branchId)` as `useChat`'s first messages.
 */
export function toUIMessages(messages: readonly Message[]): ChatRoutesUIMessage[] {
  return messages.map((message) => ({
    id: message.id,
    role: message.role,
    parts: [{ type: 'text', text: message.content }],
    metadata: metadataOf(message),
  }));
}

/** The metadata of a stored message. */
export function metadataOf(message: Message): ChatRoutesMessageMetadata {
  const metadata: ChatRoutesMessageMetadata = { messageId: message.id, branchId: message.branchId };
  if (message.role !== 'assistant') return metadata;
  metadata.checkpointUsed = contextInfo(message).checkpointUsed;
  const inputTokens = message.metadata?.prompt_tokens;
  const outputTokens = message.tokenCount;
  if (inputTokens !== undefined || outputTokens !== undefined) {
    metadata.usage = {
      ...(inputTokens !== undefined && { inputTokens }),
      ...(outputTokens !== undefined && { outputTokens }),
    };
  }
  return metadata;
}

/** The text of a `UIMessage`: its text parts, joined. */
export function textOf(message: UIMessage): string {
  return message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
}
