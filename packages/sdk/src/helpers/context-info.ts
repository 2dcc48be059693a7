import type { Message } from '@chatroutes/fetch/contract';

/** How the context of an assistant reply was built, from its metadata. */
export interface ContextInfo {
  /** The reply was produced from a checkpoint summary plus the messages after it. */
  checkpointUsed: boolean;
  /** Older messages were dropped to fit the model's context window. */
  contextTruncated: boolean;
  /** Tokens sent to the model, when reported. */
  promptTokens?: number;
  /** Messages sent to the model (after the summary, if any), when reported. */
  contextMessageCount?: number;
}

/** Reads the snake_case context fields of a reply's metadata into camelCase, with defaults. */
export function contextInfo(message: Message): ContextInfo {
  const metadata = message?.metadata ?? {};
  return {
    checkpointUsed: metadata.checkpoint_used === true,
    contextTruncated: metadata.context_truncated === true,
    ...(metadata.prompt_tokens !== undefined && { promptTokens: metadata.prompt_tokens }),
    ...(metadata.context_message_count !== undefined && {
      contextMessageCount: metadata.context_message_count,
    }),
  };
}
