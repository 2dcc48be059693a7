import type { MessageRole, SendMessageRequest, Usage } from '@chatroutes/fetch';
import { autoCheckpoint } from './checkpoints.js';
import { sha256Hex } from './hashing.js';
import { type AssembledContext, assembleContext, branchHistory } from './history.js';
import { type ContextEntry, generateReply, type Reply } from './model.js';
import { resolveModelName } from './model-choice.js';
import { estimateCost, resolveModelId } from './models.js';
import type { BranchRecord, ConversationRecord, MessageRecord } from './records.js';
import type { MockState } from './state.js';
import { countTokens } from './tokens.js';

/**
 * One send in progress: the user message is stored, the reply is decided, and `commit`
 * stores the assistant message. Streaming writes `reply.content` out between the two, so
 * the stored message is exactly the text that was streamed.
 */
export interface Exchange {
  conversation: ConversationRecord;
  branch: BranchRecord;
  userMessage: MessageRecord;
  reply: Reply;
  resolvedModel: string;
  usage: Usage;
  commit(responseTimeMs: number): MessageRecord;
}

/** Default context window of the built-in model, in tokens. */
export const DEFAULT_CONTEXT_WINDOW_TOKENS = 8_000;

/**
 * Starts an exchange on a branch: the branch named by the path, else `input.branchId`, else
 * the main branch. The context is assembled before the user message is stored, so the
 * prompt is never counted twice.
 */
export function beginExchange(
  state: MockState,
  conversation: ConversationRecord,
  input: SendMessageRequest,
  options: { pathBranchId?: string; contextWindowTokens: number },
): Exchange {
  const model = resolveModelName(input.model, conversation.model);
  const branchId = options.pathBranchId ?? input.branchId ?? conversation.mainBranchId;
  const branch = state.branch(conversation, branchId);
  const history = branchHistory(state, branch);
  const context = assembleContext(state, branch, input.content, options.contextWindowTokens);
  const reply = generateReply({
    model,
    context: contextEntries(context),
    prompt: input.content,
    ...(input.maxTokens !== undefined && { maxTokens: input.maxTokens }),
  });

  const userMessage = appendMessage(state, conversation, branch, {
    role: 'user',
    content: input.content,
    parentMessageId: history.at(-1)?.id ?? null,
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
    userMessage,
    reply,
    resolvedModel,
    usage,
    commit(responseTimeMs) {
      const assistant = appendMessage(state, conversation, branch, {
        role: 'assistant',
        content: reply.content,
        parentMessageId: userMessage.id,
      });
      assistant.metadata = {
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
      };
      autoCheckpoint(state, conversation, branch, history.length);
      return assistant;
    },
  };
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

function contextEntries(context: AssembledContext): ContextEntry[] {
  const summary: ContextEntry[] = context.checkpoint
    ? [{ role: 'system', content: context.checkpoint.summary }]
    : [];
  return [
    ...summary,
    ...context.messages.map((message) => ({ role: message.role, content: message.content })),
  ];
}
