import type { SendMessageRequest, Usage } from '@chatroutes/fetch';
import { type ContextEntry, generateReply, type Reply } from './built-in-model.js';
import { autoCheckpoint } from './checkpoints.js';
import { type AssembledContext, assembleContext, lastMessage, writtenCount } from './history.js';
import { appendMessage } from './messages.js';
import { estimateCost, resolveModelId, resolveModelName } from './model-catalogue.js';
import type { BranchRecord, ConversationRecord, MessageRecord } from './records.js';
import type { MockState } from './state.js';
import { countTokens } from './tokens.js';

/**
 * One send, decided but not stored: the reply is written from the history as it stands,
 * and `commit` stores the user message and the reply together, in one synchronous step.
 * Until then the branch is untouched, so an exchange that never commits (a stream that
 * broke off) leaves no trace. Streaming writes `reply.content` out before committing, so
 * the stored reply is exactly the text that was streamed.
 */
export interface Exchange {
  conversation: ConversationRecord;
  branch: BranchRecord;
  reply: Reply;
  resolvedModel: string;
  usage: Usage;
  /** Stores the prompt and the reply at the end of the branch; returns both. */
  commit(responseTimeMs: number): CommittedExchange;
}

/** The two messages an exchange stored. */
export interface CommittedExchange {
  prompt: MessageRecord;
  reply: MessageRecord;
}

/**
 * The branch a send goes to: the branch named by the path, else `input.branchId` (a
 * reference: a miss is `REFERENCE_NOT_FOUND`), else the main branch.
 */
export function exchangeBranch(
  state: MockState,
  conversation: ConversationRecord,
  input: Pick<SendMessageRequest, 'branchId'>,
  pathBranchId: string | undefined,
): BranchRecord {
  if (pathBranchId !== undefined) return state.branch(conversation, pathBranchId);
  if (input.branchId !== undefined) return state.branch(conversation, input.branchId, 'branchId');
  return state.mainBranch(conversation);
}

/**
 * Decides the reply to `input` on `branch`. The caller holds the branch's turn (see
 * `BranchTurns`) from here to `commit`, so that the history the reply was written from is
 * still the branch's history when it is stored.
 */
export function beginExchange(
  state: MockState,
  conversation: ConversationRecord,
  branch: BranchRecord,
  input: SendMessageRequest,
  contextWindowTokens: number,
): Exchange {
  const model = resolveModelName(input.model, conversation.model);
  // Read from the end of the branch: a send costs what its context holds, not the history.
  const previous = lastMessage(state, branch);
  const writtenBefore = writtenCount(state, branch);
  const context = assembleContext(state, branch, input.content, contextWindowTokens);
  const reply = generateReply({
    model,
    context: contextEntries(context),
    prompt: input.content,
    ...(input.maxTokens !== undefined && { maxTokens: input.maxTokens }),
  });
  const completionTokens = countTokens(reply.content);
  const usage = {
    promptTokens: context.promptTokens,
    completionTokens,
    totalTokens: context.promptTokens + completionTokens,
  };
  const resolvedModel = resolveModelId(model);

  return {
    conversation,
    branch,
    reply,
    resolvedModel,
    usage,
    commit(responseTimeMs) {
      const userMessage = appendMessage(state, conversation, branch, {
        role: 'user',
        content: input.content,
        parentMessageId: previous?.id ?? null,
      });
      const assistant = appendMessage(state, conversation, branch, {
        role: 'assistant',
        content: reply.content,
        parentMessageId: userMessage.id,
        metadata: {
          model: resolvedModel,
          ...(input.temperature !== undefined && { temperature: input.temperature }),
          ...(input.maxTokens !== undefined && { maxTokens: input.maxTokens }),
          responseTime: Math.round(responseTimeMs),
          finishReason: reply.finishReason,
          cost: estimateCost(model, usage.promptTokens, usage.completionTokens),
          checkpointUsed: context.checkpoint !== undefined,
          contextTruncated: context.truncated,
          promptTokens: usage.promptTokens,
          // The spec counts the prompt among the context's messages.
          contextMessageCount: context.messages.length + 1,
        },
      });
      autoCheckpoint(state, conversation, branch, writtenBefore);
      return { prompt: userMessage, reply: assistant };
    },
  };
}

function contextEntries(context: AssembledContext): ContextEntry[] {
  const summary: ContextEntry[] = context.checkpoint
    ? [{ role: 'system', content: context.checkpoint.summary }]
    : [];
  return [
    ...summary,
    ...context.messages.map((message) => ({ role: message.role, content: message.content })),
  ];
}
