import { badRequest } from './errors.js';
import { isInHistory, lastMessage, visibleHistory, writtenCount } from './history.js';
import type {
  BranchRecord,
  CheckpointRecord,
  ConversationRecord,
  MessageRecord,
} from './records.js';
import type { MockState } from './state.js';
import { summarise } from './summary.js';
import { countTokens } from './tokens.js';

/** The service checkpoints a branch on its own each time its history grows past a multiple of this. */
export const AUTO_CHECKPOINT_INTERVAL = 50;

export function listCheckpoints(
  state: MockState,
  conversation: ConversationRecord,
  branchId: string | undefined,
): CheckpointRecord[] {
  if (branchId !== undefined) state.branch(conversation, branchId, 'branchId');
  return [...state.checkpoints.values()]
    .filter(
      (checkpoint) =>
        !checkpoint.deleted &&
        checkpoint.conversationId === conversation.id &&
        (branchId === undefined || checkpoint.branchId === branchId) &&
        isLive(state, checkpoint.branchId),
    )
    .sort((a, b) => a.sequence - b.sequence);
}

export function createCheckpoint(
  state: MockState,
  conversation: ConversationRecord,
  branchId: string,
  anchorMessageId: string,
): CheckpointRecord {
  const branch = state.branch(conversation, branchId, 'branchId');
  const anchor = state.messageIn(conversation, anchorMessageId, 'anchorMessageId');
  if (!isInHistory(state, branch, anchor)) {
    throw badRequest('anchorMessageId is not a message of this branch');
  }
  const checkpoint: CheckpointRecord = {
    id: state.newId('cp'),
    conversationId: conversation.id,
    branchId: branch.id,
    anchorMessageId: anchor.id,
    ...summariseUpTo(state, branch, anchor),
    createdAt: state.timestamp(),
    sequence: state.nextSequence(),
    deleted: false,
  };
  state.put('checkpoints', checkpoint);
  return checkpoint;
}

/** Soft delete: the checkpoint leaves listings and no later context uses it. */
export function deleteCheckpoint(state: MockState, checkpoint: CheckpointRecord): void {
  checkpoint.deleted = true;
  state.changed('checkpoints', checkpoint);
}

/** Regenerates a checkpoint so that it covers the branch up to its latest message (same id). */
export function recreateCheckpoint(
  state: MockState,
  checkpoint: CheckpointRecord,
): CheckpointRecord {
  const branch = state.branches.get(checkpoint.branchId);
  if (!branch || branch.deleted) throw badRequest('The branch of this checkpoint was deleted');
  const latest = lastMessage(state, branch);
  if (!latest) throw badRequest('The branch of this checkpoint has no messages');
  checkpoint.anchorMessageId = latest.id;
  checkpoint.createdAt = state.timestamp();
  Object.assign(checkpoint, summariseUpTo(state, branch, latest));
  state.changed('checkpoints', checkpoint);
  return checkpoint;
}

/**
 * Called after each exchange: checkpoints the branch when the messages written into its
 * history (see `writtenCount`) crossed a multiple of 50.
 */
export function autoCheckpoint(
  state: MockState,
  conversation: ConversationRecord,
  branch: BranchRecord,
  writtenBefore: number,
): CheckpointRecord | undefined {
  const crossed =
    Math.floor(writtenCount(state, branch) / AUTO_CHECKPOINT_INTERVAL) >
    Math.floor(writtenBefore / AUTO_CHECKPOINT_INTERVAL);
  const latest = lastMessage(state, branch);
  if (!crossed || !latest) return undefined;
  return createCheckpoint(state, conversation, branch.id, latest.id);
}

/** The summary covers what the branch's replies can see, up to and including the anchor. */
function summariseUpTo(state: MockState, branch: BranchRecord, anchor: MessageRecord) {
  const covered = visibleHistory(state, branch).filter(
    (message) => message.sequence <= anchor.sequence,
  );
  const summary = summarise(covered);
  return { summary, tokenCount: countTokens(summary) };
}

function isLive(state: MockState, branchId: string): boolean {
  const branch = state.branches.get(branchId);
  return branch !== undefined && !branch.deleted;
}
