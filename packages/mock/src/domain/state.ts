import { notFound } from './errors.js';
import type { IdPrefix } from './ids.js';
import type {
  BranchRecord,
  CheckpointRecord,
  ConversationRecord,
  MessageRecord,
} from './records.js';

export interface StateOptions {
  newId: (prefix: IdPrefix) => string;
  now: () => Date;
}

/**
 * All the mock's data, in memory, with the lookups every operation needs. A lookup that
 * misses — unknown id, soft-deleted, or owned by another API key — throws the service's
 * 404, so handlers never see a record they may not touch.
 */
export class MockState {
  readonly conversations = new Map<string, ConversationRecord>();
  readonly branches = new Map<string, BranchRecord>();
  readonly messages = new Map<string, MessageRecord>();
  readonly checkpoints = new Map<string, CheckpointRecord>();
  readonly newId: (prefix: IdPrefix) => string;
  readonly #now: () => Date;
  #sequence = 0;

  constructor(options: StateOptions) {
    this.newId = options.newId;
    this.#now = options.now;
  }

  timestamp(): string {
    return this.#now().toISOString();
  }

  nextSequence(): number {
    this.#sequence += 1;
    return this.#sequence;
  }

  conversation(owner: string, id: string): ConversationRecord {
    const conversation = this.conversations.get(id);
    if (!conversation || conversation.deleted || conversation.owner !== owner) {
      throw notFound('Conversation');
    }
    return conversation;
  }

  branch(conversation: ConversationRecord, id: string): BranchRecord {
    const branch = this.branches.get(id);
    if (!branch || branch.deleted || branch.conversationId !== conversation.id) {
      throw notFound('Branch');
    }
    return branch;
  }

  /** A message of the conversation, wherever it lives. */
  messageIn(conversation: ConversationRecord, id: string): MessageRecord {
    const message = this.messages.get(id);
    if (!message || message.deleted || message.conversationId !== conversation.id) {
      throw notFound('Message');
    }
    return message;
  }

  /** A message looked up by id alone (the `/messages/{id}` routes), with its conversation. */
  ownedMessage(
    owner: string,
    id: string,
  ): { message: MessageRecord; conversation: ConversationRecord } {
    const message = this.messages.get(id);
    if (!message || message.deleted) throw notFound('Message');
    const conversation = this.conversations.get(message.conversationId);
    if (!conversation || conversation.deleted || conversation.owner !== owner) {
      throw notFound('Message');
    }
    return { message, conversation };
  }

  ownedCheckpoint(
    owner: string,
    id: string,
  ): { checkpoint: CheckpointRecord; conversation: ConversationRecord } {
    const checkpoint = this.checkpoints.get(id);
    if (!checkpoint || checkpoint.deleted) throw notFound('Checkpoint');
    const conversation = this.conversations.get(checkpoint.conversationId);
    if (!conversation || conversation.deleted || conversation.owner !== owner) {
      throw notFound('Checkpoint');
    }
    return { checkpoint, conversation };
  }

  liveBranches(conversation: ConversationRecord): BranchRecord[] {
    return conversation.branchIds
      .map((id) => this.branches.get(id))
      .filter((branch): branch is BranchRecord => branch !== undefined && !branch.deleted);
  }

  mainBranch(conversation: ConversationRecord): BranchRecord {
    const main = this.branches.get(conversation.mainBranchId);
    if (!main) throw new Error(`conversation ${conversation.id} lost its main branch`);
    return main;
  }

  /** The live messages written on a branch itself, oldest first. */
  ownMessages(branch: BranchRecord): MessageRecord[] {
    return branch.messageIds
      .map((id) => this.messages.get(id))
      .filter((message): message is MessageRecord => message !== undefined && !message.deleted);
  }

  touch(conversation: ConversationRecord, ...branches: BranchRecord[]): void {
    const now = this.timestamp();
    conversation.updatedAt = now;
    for (const branch of branches) branch.updatedAt = now;
  }
}
