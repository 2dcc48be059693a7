import type { ContextMode } from '@chatroutes/fetch';
import { badRequest, referenceNotFound } from './errors.js';
import { branchHistory } from './history.js';
import { appendMessage } from './messages.js';
import type { BranchRecord, ConversationRecord, MessageRecord } from './records.js';
import type { MockState } from './state.js';

interface NewBranch {
  title: string;
  description?: string;
  contextMode?: ContextMode;
}

/**
 * A branch off the conversation: at `baseNodeId` (a message) when given, else at the
 * latest message of the main branch. Either way it inherits the history up to that point.
 */
export function createBranch(
  state: MockState,
  conversation: ConversationRecord,
  input: NewBranch & { baseNodeId?: string },
): BranchRecord {
  if (input.baseNodeId !== undefined) {
    const base = state.messageIn(conversation, input.baseNodeId, 'baseNodeId');
    const parent = branchOfMessage(state, conversation, base, 'baseNodeId');
    return addBranch(state, conversation, parent, base, {
      ...input,
      baseNodeId: base.id,
    });
  }
  const main = state.mainBranch(conversation);
  const latest = branchHistory(state, main).at(-1);
  return addBranch(state, conversation, main, latest, input);
}

/** A fork at a message: the new branch hangs under the branch that message was written on. */
export function forkConversation(
  state: MockState,
  conversation: ConversationRecord,
  input: NewBranch & { forkPointMessageId: string },
): BranchRecord {
  const field = 'forkPointMessageId';
  const forkPoint = state.messageIn(conversation, input.forkPointMessageId, field);
  const parent = branchOfMessage(state, conversation, forkPoint, field);
  return addBranch(state, conversation, parent, forkPoint, input);
}

export function updateBranch(
  state: MockState,
  conversation: ConversationRecord,
  branch: BranchRecord,
  input: { title?: string; description?: string; isActive?: boolean },
): BranchRecord {
  if (input.title !== undefined) branch.title = input.title;
  if (input.description !== undefined) branch.description = input.description;
  if (input.isActive !== undefined) branch.isActive = input.isActive;
  state.touch(conversation, branch);
  return branch;
}

/** Soft delete; the main branch cannot be deleted. Child branches keep their history. */
export function deleteBranch(
  state: MockState,
  conversation: ConversationRecord,
  branch: BranchRecord,
): void {
  if (branch.isMain) throw badRequest('The main branch cannot be deleted');
  branch.deleted = true;
  state.touch(conversation, branch);
}

/**
 * Copies the branch's messages not merged yet to the end of its parent branch, in order,
 * and marks the branch inactive. A second merge only brings what was added since the first.
 */
export function mergeBranch(
  state: MockState,
  conversation: ConversationRecord,
  branch: BranchRecord,
): BranchRecord {
  if (branch.isMain || branch.parentBranchId === null) {
    throw badRequest('The main branch has no parent to merge into');
  }
  const parent = state.branches.get(branch.parentBranchId);
  if (!parent || parent.deleted) throw badRequest('The parent branch was deleted');

  const pending = branch.messageIds
    .slice(branch.mergedCount)
    .map((id) => state.messages.get(id))
    .filter((message): message is MessageRecord => message !== undefined && !message.deleted);
  let previous = branchHistory(state, parent).at(-1);
  for (const message of pending) {
    const copy = appendMessage(state, conversation, parent, {
      role: message.role,
      content: message.content,
      parentMessageId: previous?.id ?? null,
      ...(message.metadata && { metadata: { ...message.metadata } }),
    });
    previous = copy;
  }
  branch.mergedCount = branch.messageIds.length;
  // As the service does, a merged branch is no longer active.
  branch.isActive = false;
  state.touch(conversation, branch, parent);
  return branch;
}

/** The live branch a message named by `field` was written on. */
function branchOfMessage(
  state: MockState,
  conversation: ConversationRecord,
  message: MessageRecord,
  field: string,
): BranchRecord {
  const branch = state.branches.get(message.branchId);
  if (!branch || branch.deleted || branch.conversationId !== conversation.id) {
    throw referenceNotFound('Message', field);
  }
  return branch;
}

/**
 * A branch record with its bookkeeping at zero: the one place a branch is made, whether it
 * is a conversation's main branch or one created, forked or branched off later.
 */
export function newBranch(
  state: MockState,
  fields: Pick<
    BranchRecord,
    'conversationId' | 'parentBranchId' | 'forkPointMessageId' | 'baseNodeId' | 'title' | 'isMain'
  > &
    Partial<Pick<BranchRecord, 'description' | 'contextMode'>>,
  now = state.timestamp(),
): BranchRecord {
  return {
    id: state.newId('br'),
    description: null,
    contextMode: 'FULL',
    ...fields,
    isActive: true,
    createdAt: now,
    updatedAt: now,
    messageIds: [],
    mergedCount: 0,
    deleted: false,
  };
}

function addBranch(
  state: MockState,
  conversation: ConversationRecord,
  parent: BranchRecord,
  forkPoint: MessageRecord | undefined,
  input: NewBranch & { baseNodeId?: string },
): BranchRecord {
  const branch = newBranch(state, {
    conversationId: conversation.id,
    parentBranchId: parent.id,
    forkPointMessageId: forkPoint?.id ?? null,
    baseNodeId: input.baseNodeId ?? null,
    title: input.title,
    isMain: false,
    ...(input.description !== undefined && { description: input.description }),
    ...(input.contextMode !== undefined && { contextMode: input.contextMode }),
  });
  state.put('branches', branch);
  conversation.branchIds.push(branch.id);
  state.touch(conversation);
  return branch;
}
