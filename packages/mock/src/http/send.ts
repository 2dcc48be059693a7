import type { SendMessageRequest } from '@chatroutes/fetch';
import { beginExchange, type Exchange } from '../domain/exchange.js';
import { envelope, type HandlerDeps, type OperationCall, param } from './operation.js';
import { pause, sseResponse } from './sse.js';
import { toMessage } from './wire.js';

function startExchange(call: OperationCall, deps: HandlerDeps, pathBranchId?: string): Exchange {
  const conversation = deps.state.conversation(call.owner, param(call, 'conversationId'));
  return beginExchange(deps.state, conversation, call.body as SendMessageRequest, {
    contextWindowTokens: deps.contextWindowTokens,
    ...(pathBranchId !== undefined && { pathBranchId }),
  });
}

/** `sendMessage` and `sendBranchMessage`: the reply in one JSON answer. */
export function sendReply(call: OperationCall, deps: HandlerDeps, pathBranchId?: string): Response {
  const started = performance.now();
  const exchange = startExchange(call, deps, pathBranchId);
  const message = exchange.commit(performance.now() - started);
  return envelope(call, {
    message: toMessage(message),
    usage: exchange.usage,
    model: exchange.resolvedModel,
  });
}

/**
 * `streamMessage`: the reply written word by word at the configured pace, then the
 * `complete` chunk with the stored message, then `[DONE]`. Errors found before the first
 * byte (unknown conversation, bad model) are ordinary JSON errors. The assistant message
 * is stored only when the whole text was written, so it always equals what was streamed.
 */
export function streamReply(call: OperationCall, deps: HandlerDeps): Response {
  const started = performance.now();
  const exchange = startExchange(call, deps);
  const stop = AbortSignal.any([deps.shutdown, call.c.req.raw.signal]);

  async function* chunks(): AsyncGenerator<string> {
    for (const piece of exchange.reply.content.match(/\s*\S+(?:\s+$)?/g) ?? []) {
      yield JSON.stringify({ type: 'content', content: piece, model: exchange.resolvedModel });
      await pause(deps.streamDelayMs, stop);
      if (stop.aborted) return;
    }
    const message = exchange.commit(performance.now() - started);
    yield JSON.stringify({
      type: 'complete',
      message: toMessage(message),
      usage: exchange.usage,
      model: exchange.resolvedModel,
    });
    yield '[DONE]';
  }
  return sseResponse(chunks());
}
