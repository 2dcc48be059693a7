import type {
  Branch,
  Checkpoint,
  Conversation,
  ConversationTree,
  Message,
  MessageMetadata,
  TreeNode,
} from '@chatroutes/fetch';
import { conversationMessages } from '../domain/messages.js';
import type {
  BranchRecord,
  CheckpointRecord,
  ConversationRecord,
  MessageMetadataRecord,
  MessageRecord,
} from '../domain/records.js';
import type { MockState } from '../domain/state.js';

/* Storage records → the spec's wire objects (snake_case where the spec says so). */

export function toMessage(record: MessageRecord): Message {
  return {
    id: record.id,
    conversationId: record.conversationId,
    branchId: record.branchId,
    parentMessageId: record.parentMessageId,
    role: record.role,
    content: record.content,
    tokenCount: record.tokenCount,
    contentHash: record.contentHash,
    createdAt: record.createdAt,
    ...(record.metadata && { metadata: toMetadata(record.metadata) }),
  };
}

function toMetadata(record: MessageMetadataRecord): MessageMetadata {
  return {
    model: record.model,
    ...(record.temperature !== undefined && { temperature: record.temperature }),
    ...(record.maxTokens !== undefined && { maxTokens: record.maxTokens }),
    responseTime: record.responseTime,
    finishReason: record.finishReason,
    cost: record.cost,
    checkpoint_used: record.checkpointUsed,
    context_truncated: record.contextTruncated,
    prompt_tokens: record.promptTokens,
    context_message_count: record.contextMessageCount,
  };
}

export function toBranch(state: MockState, record: BranchRecord): Branch {
  return {
    id: record.id,
    conversationId: record.conversationId,
    parentBranchId: record.parentBranchId,
    forkPointMessageId: record.forkPointMessageId,
    baseNodeId: record.baseNodeId,
    title: record.title,
    description: record.description,
    contextMode: record.contextMode,
    isMain: record.isMain,
    isActive: record.isActive,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    messageCount: state.ownMessages(record).length,
  };
}

/** A conversation; `detailed` adds its messages and branches, as `getConversation` does. */
export function toConversation(
  state: MockState,
  record: ConversationRecord,
  detailed = false,
): Conversation {
  const branches = state.liveBranches(record);
  const messages = conversationMessages(state, record);
  return {
    id: record.id,
    userId: record.userId,
    title: record.title,
    model: record.model,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    messageCount: messages.length,
    branchCount: branches.length,
    ...(detailed && {
      messages: messages.map(toMessage),
      branches: branches.map((branch) => toBranch(state, branch)),
    }),
  };
}

export function toCheckpoint(record: CheckpointRecord): Checkpoint {
  return {
    id: record.id,
    conversation_id: record.conversationId,
    branch_id: record.branchId,
    anchor_message_id: record.anchorMessageId,
    summary: record.summary,
    token_count: record.tokenCount,
    created_at: record.createdAt,
  };
}

/**
 * The branch tree: the main branch at the root, each branch under the branch it was
 * created from. A branch whose parent was deleted hangs under its nearest live ancestor.
 */
export function toTree(state: MockState, record: ConversationRecord): ConversationTree {
  const live = state.liveBranches(record);
  const liveIds = new Set(live.map((branch) => branch.id));
  const liveParentOf = (branch: BranchRecord): string | null => {
    let parentId = branch.parentBranchId;
    while (parentId !== null && !liveIds.has(parentId)) {
      parentId = state.branches.get(parentId)?.parentBranchId ?? null;
    }
    return parentId;
  };
  const nodeOf = (branch: BranchRecord): TreeNode => ({
    branch: { ...toBranch(state, branch), _count: { messages: state.ownMessages(branch).length } },
    children: live.filter((child) => liveParentOf(child) === branch.id).map(nodeOf),
  });
  return {
    conversation: toConversation(state, record),
    branches: live.filter((branch) => liveParentOf(branch) === null).map(nodeOf),
    mainBranch: toBranch(state, state.mainBranch(record)),
  };
}
