import type { BranchRecord, CheckpointRecord, MessageRecord } from './records.js';
import type { MockState } from './state.js';
import { countTokens } from './tokens.js';

/** How many inherited messages a PARTIAL branch keeps in its context: its recent part. */
export const PARTIAL_INHERITED_MESSAGES = 6;

/**
 * A branch's history as it is listed: the parent's history up to and including the fork
 * point, then the branch's own messages. Histories are ordered by creation, so "up to the
 * fork point" is "created no later than it" — which still holds if the fork point was
 * deleted afterwards.
 */
export function branchHistory(state: MockState, branch: BranchRecord): MessageRecord[] {
  return [...inheritedHistory(state, branch), ...state.ownMessages(branch)];
}

function inheritedHistory(state: MockState, branch: BranchRecord): MessageRecord[] {
  if (branch.parentBranchId === null || branch.forkPointMessageId === null) return [];
  const parent = state.branches.get(branch.parentBranchId);
  const forkPoint = state.messages.get(branch.forkPointMessageId);
  if (!parent || !forkPoint) return [];
  return branchHistory(state, parent).filter((message) => message.sequence <= forkPoint.sequence);
}

/** The part of a branch's history its replies may see, per its `contextMode`. */
export function visibleHistory(state: MockState, branch: BranchRecord): MessageRecord[] {
  const inherited = inheritedHistory(state, branch);
  const kept =
    branch.contextMode === 'FULL'
      ? inherited
      : branch.contextMode === 'PARTIAL'
        ? inherited.slice(-PARTIAL_INHERITED_MESSAGES)
        : [];
  return [...kept, ...state.ownMessages(branch)];
}

export interface AssembledContext {
  /** The checkpoint whose summary replaces the messages up to its anchor, if one applies. */
  checkpoint: CheckpointRecord | undefined;
  /** The earlier messages the model sees, oldest first (after the checkpoint, if any). */
  messages: MessageRecord[];
  /** Whether old messages were dropped to fit the context window. */
  truncated: boolean;
  /** Tokens of the summary, the messages and the prompt together. */
  promptTokens: number;
}

/**
 * What the model sees when answering `prompt` on `branch`: the visible history, shortened
 * by the latest checkpoint of the branch whose anchor is in it (its summary stands for the
 * messages up to the anchor), then trimmed from the oldest end to fit `windowTokens`.
 */
export function assembleContext(
  state: MockState,
  branch: BranchRecord,
  prompt: string,
  windowTokens: number,
): AssembledContext {
  let messages = visibleHistory(state, branch);
  const checkpoint = latestApplicableCheckpoint(state, branch, messages);
  if (checkpoint) {
    const anchorIndex = messages.findIndex((message) => message.id === checkpoint.anchorMessageId);
    messages = messages.slice(anchorIndex + 1);
  }

  // Keep the newest messages that fit beside the summary and the prompt.
  const fixedTokens = (checkpoint?.tokenCount ?? 0) + countTokens(prompt);
  let historyTokens = 0;
  let start = messages.length;
  while (start > 0) {
    const tokens = messages[start - 1]?.tokenCount ?? 0;
    if (fixedTokens + historyTokens + tokens > windowTokens) break;
    historyTokens += tokens;
    start -= 1;
  }
  return {
    checkpoint,
    messages: messages.slice(start),
    truncated: start > 0,
    promptTokens: fixedTokens + historyTokens,
  };
}

function latestApplicableCheckpoint(
  state: MockState,
  branch: BranchRecord,
  visible: readonly MessageRecord[],
): CheckpointRecord | undefined {
  const position = new Map(visible.map((message, index) => [message.id, index]));
  let best: { checkpoint: CheckpointRecord; index: number } | undefined;
  for (const checkpoint of state.checkpoints.values()) {
    if (checkpoint.deleted || checkpoint.branchId !== branch.id) continue;
    const index = position.get(checkpoint.anchorMessageId);
    if (index === undefined) continue;
    if (
      !best ||
      index > best.index ||
      (index === best.index && checkpoint.sequence > best.checkpoint.sequence)
    ) {
      best = { checkpoint, index };
    }
  }
  return best?.checkpoint;
}
