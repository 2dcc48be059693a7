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
  return [...historyNewestFirst(state, branch)].reverse();
}

/** The last message of a branch's history, found from its end (a send reads no further). */
export function lastMessage(state: MockState, branch: BranchRecord): MessageRecord | undefined {
  for (const message of historyNewestFirst(state, branch)) return message;
  return undefined;
}

/**
 * How many messages were written into a branch's history, deleted ones included: counted
 * by position, without reading the messages, so that it costs the same at any length.
 */
export function writtenCount(
  state: MockState,
  branch: BranchRecord,
  maxSequence = Number.POSITIVE_INFINITY,
): number {
  const own = lastIndexAtOrBefore(state, branch.messageIds, maxSequence) + 1;
  const fork = forkOf(state, branch);
  if (!fork) return own;
  return own + writtenCount(state, fork.parent, Math.min(maxSequence, fork.point.sequence));
}

/**
 * The live messages of a branch's history, newest first, created no later than
 * `maxSequence`: its own, then its parent's up to the fork point, and so on up the tree. A
 * reader that stops early (a context window, the last message) reads only what it takes.
 */
function* historyNewestFirst(
  state: MockState,
  branch: BranchRecord,
  maxSequence = Number.POSITIVE_INFINITY,
): Generator<MessageRecord> {
  yield* ownNewestFirst(state, branch, maxSequence);
  const fork = forkOf(state, branch);
  if (fork) {
    yield* historyNewestFirst(state, fork.parent, Math.min(maxSequence, fork.point.sequence));
  }
}

function* ownNewestFirst(
  state: MockState,
  branch: BranchRecord,
  maxSequence: number,
): Generator<MessageRecord> {
  const ids = branch.messageIds;
  for (let i = lastIndexAtOrBefore(state, ids, maxSequence); i >= 0; i--) {
    const message = state.messages.get(ids[i] as string);
    if (message && !message.deleted) yield message;
  }
}

/**
 * The position of the last id whose message was created no later than `maxSequence`, or -1.
 * A branch's ids are in the order their messages were created, so this is a binary search.
 */
function lastIndexAtOrBefore(state: MockState, ids: readonly string[], maxSequence: number) {
  let low = 0;
  let high = ids.length - 1;
  if (high < 0 || maxSequence === Number.POSITIVE_INFINITY) return high;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const sequence = state.messages.get(ids[middle] as string)?.sequence ?? 0;
    if (sequence <= maxSequence) low = middle + 1;
    else high = middle - 1;
  }
  return high;
}

/** The branch a branch was forked from, and the message it was forked at, if both remain. */
function forkOf(
  state: MockState,
  branch: BranchRecord,
): { parent: BranchRecord; point: MessageRecord } | undefined {
  if (branch.parentBranchId === null || branch.forkPointMessageId === null) return undefined;
  const parent = state.branches.get(branch.parentBranchId);
  const point = state.messages.get(branch.forkPointMessageId);
  return parent && point ? { parent, point } : undefined;
}

/** The part of a branch's history its replies may see, per its `contextMode`, oldest first. */
export function visibleHistory(state: MockState, branch: BranchRecord): MessageRecord[] {
  return [...visibleNewestFirst(state, branch)].reverse();
}

/**
 * The visible history, newest first: the branch's own messages, then what its `contextMode`
 * keeps of the inherited ones.
 */
function* visibleNewestFirst(state: MockState, branch: BranchRecord): Generator<MessageRecord> {
  yield* ownNewestFirst(state, branch, Number.POSITIVE_INFINITY);
  yield* keptInheritedNewestFirst(state, branch);
}

/**
 * What a branch's `contextMode` keeps of its inherited history, newest first: all of it, the
 * last {@link PARTIAL_INHERITED_MESSAGES}, or none.
 */
function* keptInheritedNewestFirst(
  state: MockState,
  branch: BranchRecord,
): Generator<MessageRecord> {
  const fork = forkOf(state, branch);
  if (!fork || branch.contextMode === 'MINIMAL') return;
  let kept =
    branch.contextMode === 'PARTIAL' ? PARTIAL_INHERITED_MESSAGES : Number.POSITIVE_INFINITY;
  for (const message of historyNewestFirst(state, fork.parent, fork.point.sequence)) {
    if (kept-- <= 0) return;
    yield message;
  }
}

/** Whether `message` is in the visible history of `branch` (without listing that history). */
function isVisible(state: MockState, branch: BranchRecord, message: MessageRecord): boolean {
  if (message.deleted) return false;
  if (message.branchId === branch.id) return true;
  const fork = forkOf(state, branch);
  if (!fork || branch.contextMode === 'MINIMAL' || message.sequence > fork.point.sequence) {
    return false;
  }
  if (branch.contextMode === 'PARTIAL') {
    // A few messages at most: looked for among them.
    for (const kept of keptInheritedNewestFirst(state, branch)) if (kept === message) return true;
    return false;
  }
  // All of the inherited history is visible: found by walking up the tree, not listing it.
  return inHistory(state, fork.parent, message, fork.point.sequence);
}

/** Whether `message` is a live message of the branch's history (without listing it). */
export function isInHistory(
  state: MockState,
  branch: BranchRecord,
  message: MessageRecord,
): boolean {
  return !message.deleted && inHistory(state, branch, message, Number.POSITIVE_INFINITY);
}

function inHistory(
  state: MockState,
  branch: BranchRecord,
  message: MessageRecord,
  maxSequence: number,
): boolean {
  if (message.sequence > maxSequence) return false;
  if (message.branchId === branch.id) return true;
  const fork = forkOf(state, branch);
  return (
    fork !== undefined &&
    inHistory(state, fork.parent, message, Math.min(maxSequence, fork.point.sequence))
  );
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
 * messages up to the anchor), then trimmed from the oldest end to fit `windowTokens`. Read
 * from the newest message back, so a send costs what its context holds, not the history.
 */
export function assembleContext(
  state: MockState,
  branch: BranchRecord,
  prompt: string,
  windowTokens: number,
): AssembledContext {
  const checkpoint = latestApplicableCheckpoint(state, branch);
  const anchor = checkpoint && state.messages.get(checkpoint.anchorMessageId);
  const afterSequence = anchor?.sequence ?? Number.NEGATIVE_INFINITY;

  // Keep the newest messages that fit beside the summary and the prompt.
  const fixedTokens = (checkpoint?.tokenCount ?? 0) + countTokens(prompt);
  let historyTokens = 0;
  let truncated = false;
  const kept: MessageRecord[] = [];
  for (const message of visibleNewestFirst(state, branch)) {
    if (message.sequence <= afterSequence) break;
    if (fixedTokens + historyTokens + message.tokenCount > windowTokens) {
      truncated = true;
      break;
    }
    historyTokens += message.tokenCount;
    kept.push(message);
  }
  return {
    checkpoint,
    messages: kept.reverse(),
    truncated,
    promptTokens: fixedTokens + historyTokens,
  };
}

/**
 * The branch's checkpoint whose anchor comes latest in its visible history (the later one
 * of two on the same anchor). Histories are ordered by creation: latest is highest sequence.
 */
function latestApplicableCheckpoint(
  state: MockState,
  branch: BranchRecord,
): CheckpointRecord | undefined {
  let best: { checkpoint: CheckpointRecord; anchor: MessageRecord } | undefined;
  for (const checkpoint of state.checkpoints.values()) {
    if (checkpoint.deleted || checkpoint.branchId !== branch.id) continue;
    const anchor = state.messages.get(checkpoint.anchorMessageId);
    if (!anchor || !isVisible(state, branch, anchor)) continue;
    if (
      !best ||
      anchor.sequence > best.anchor.sequence ||
      (anchor === best.anchor && checkpoint.sequence > best.checkpoint.sequence)
    ) {
      best = { checkpoint, anchor };
    }
  }
  return best?.checkpoint;
}
