import type { Message } from 'chatroutes';

/** Why a reply ended, in the AI SDK's words. */
export type FinishReason = 'stop' | 'length' | 'content-filter' | 'other';

const KNOWN: readonly string[] = ['stop', 'length', 'content-filter'];

/**
 * The AI SDK's finish reason of a stored reply, from the `finishReason` its metadata names
 * (`stop` when it names none: the reply was stored whole).
 */
export function finishReasonOf(message: Message): FinishReason {
  const reason = message.metadata?.finishReason ?? 'stop';
  return KNOWN.includes(reason) ? (reason as FinishReason) : 'other';
}
