import { beginExchange, exchangeBranch } from '../../domain/exchange.js';
import type { BranchRecord, ConversationRecord } from '../../domain/records.js';
import { streamExchange } from '../exchange-stream.js';
import { envelope, type HandlerDeps, type OperationCall, requestStop } from '../operation.js';
import { toMessage } from '../wire.js';

type SendCall = OperationCall<'sendMessage' | 'sendBranchMessage' | 'streamMessage'>;

interface Target {
  conversation: ConversationRecord;
  branch: BranchRecord;
}

/**
 * Resolves the conversation and branch, waits for the branch's turn, then resolves them
 * again (either may have been deleted during the wait). A 404 arrives before any wait.
 */
async function takeTurn(
  call: SendCall,
  deps: HandlerDeps,
  pathBranchId: string | undefined,
): Promise<Target & { release: () => void }> {
  const resolve = (): Target => {
    const conversation = deps.state.conversation(call.owner, call.params.conversationId);
    const branch = exchangeBranch(deps.state, conversation, call.body, pathBranchId);
    return { conversation, branch };
  };
  const { branch } = resolve();
  const stop = requestStop(call, deps);
  const release = await deps.turns.take(branch.id, stop);
  try {
    // The turn can come free in the very moment the request ends (the mock closing ends
    // the exchange before it and this request at once): then this one must not run.
    stop.throwIfAborted();
    return { ...resolve(), release };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * `sendMessage` and `sendBranchMessage`: the exchange committed, the reply in one JSON
 * answer. A branch send also carries the spec's deprecated `assistantMessage` (the reply
 * again) and `userMessage` (the stored prompt), as older servers answered them: scripts
 * written against it, the official Python SDK's notebooks among them, read those.
 */
export async function sendReply(
  call: OperationCall<'sendMessage' | 'sendBranchMessage'>,
  deps: HandlerDeps,
  pathBranchId?: string,
): Promise<Response> {
  const startedAt = deps.state.clockMs();
  const { conversation, branch, release } = await takeTurn(call, deps, pathBranchId);
  try {
    const { state, contextWindowTokens } = deps;
    const exchange = beginExchange(state, conversation, branch, call.body, contextWindowTokens);
    const { prompt, reply } = exchange.commit(deps.state.clockMs() - startedAt);
    const message = toMessage(reply);
    return envelope(call, {
      message,
      usage: exchange.usage,
      model: exchange.resolvedModel,
      ...(pathBranchId !== undefined && {
        assistantMessage: message,
        userMessage: toMessage(prompt),
      }),
    });
  } finally {
    release();
  }
}

/**
 * `streamMessage`: the reply as SSE, committed atomically with its `complete` chunk (see
 * `streamExchange`). Errors found before the first byte (unknown conversation, bad model)
 * are ordinary JSON errors. The stream's outcome is left on the context for the
 * idempotency middleware, which keeps the key only for a committed exchange.
 */
export async function streamReply(
  call: OperationCall<'streamMessage'>,
  deps: HandlerDeps,
): Promise<Response> {
  const startedAt = deps.state.clockMs();
  const elapsedMs = () => deps.state.clockMs() - startedAt;
  const { conversation, branch, release } = await takeTurn(call, deps, undefined);
  let exchange: ReturnType<typeof beginExchange>;
  try {
    exchange = beginExchange(deps.state, conversation, branch, call.body, deps.contextWindowTokens);
  } catch (error) {
    release();
    throw error;
  }
  const { response, outcome } = streamExchange(exchange, {
    delayMs: deps.streamDelayMs,
    stop: requestStop(call, deps),
    release,
    elapsedMs,
  });
  call.c.set('streamOutcome', outcome);
  return response;
}
