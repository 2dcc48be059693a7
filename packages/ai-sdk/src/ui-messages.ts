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

/** The token counts of a reply; `undefined` where the server did not report them. */
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
  const { id: messageId, branchId, metadata, tokenCount } = message;
  return message.role === 'assistant'
    ? {
        messageId,
        branchId,
        checkpointUsed: contextInfo(message).checkpointUsed,
        usage: { inputTokens: metadata?.prompt_tokens, outputTokens: tokenCount },
      }
    : { messageId, branchId };
}

/** The text of a `UIMessage`: its text parts, joined. */
export function textOf(message: UIMessage): string {
  return message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
}
