import { notFound, referenceNotFound } from './errors.js';
import type { IdPrefix } from './ids.js';
import type {
  BranchRecord,
  CheckpointRecord,
  ConversationRecord,
  MessageRecord,
} from './records.js';

/** The records a change touched, by kind: what `--save-state` appends to its journal. */
export interface StateChanges {
  conversations: ConversationRecord[];
  branches: BranchRecord[];
  messages: MessageRecord[];
  checkpoints: CheckpointRecord[];
}

type ChangeSets = { [Kind in keyof StateChanges]: Set<StateChanges[Kind][number]> };

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
  // Only while someone reads them (the CLI's journal): otherwise they would only grow.
  #changes: ChangeSets | undefined;

  constructor(options: StateOptions) {
    // Draw again on a clash with a record already held (an imported snapshot's ids), so
    // that a snapshot loaded into a mock with the same seed never sees an id twice.
    this.newId = (prefix) => {
      let id = options.newId(prefix);
      while (this.#holds(id)) id = options.newId(prefix);
      return id;
    };
    this.#now = options.now;
  }

  /** From now on, remembers the records each change touches, until `takeChanges()`. */
  trackChanges(): void {
    this.#changes ??= {
      conversations: new Set(),
      branches: new Set(),
      messages: new Set(),
      checkpoints: new Set(),
    };
  }

  /** The records changed since the last call (empty lists when nothing changed). */
  takeChanges(): StateChanges {
    const changes = this.#changes;
    const taken: StateChanges = {
      conversations: [...(changes?.conversations ?? [])],
      branches: [...(changes?.branches ?? [])],
      messages: [...(changes?.messages ?? [])],
      checkpoints: [...(changes?.checkpoints ?? [])],
    };
    if (changes) for (const set of Object.values(changes)) set.clear();
    return taken;
  }

  /** Marks a record as changed; every write to a record goes through here or `put`. */
  changed<Kind extends keyof StateChanges>(kind: Kind, record: StateChanges[Kind][number]): void {
    (this.#changes?.[kind] as Set<StateChanges[Kind][number]> | undefined)?.add(record);
  }

  /** Stores a new record. */
  put<Kind extends keyof StateChanges>(kind: Kind, record: StateChanges[Kind][number]): void {
    (this[kind] as Map<string, StateChanges[Kind][number]>).set(record.id, record);
    this.changed(kind, record);
  }

  /** After an import: records created from now on sort after every imported one. */
  continueSequenceAfter(sequence: number): void {
    this.#sequence = Math.max(this.#sequence, sequence);
  }

  #holds(id: string): boolean {
    return (
      this.conversations.has(id) ||
      this.branches.has(id) ||
      this.messages.has(id) ||
      this.checkpoints.has(id)
    );
  }

  timestamp(): string {
    return this.#now().toISOString();
  }

  /**
   * The clock, in ms: what a reply's `responseTime` is measured with, so that a mock given a
   * clock (`now`) answers the same bytes on every run.
   */
  clockMs(): number {
    return this.#now().getTime();
  }

  nextSequence(): number {
    this.#sequence += 1;
    return this.#sequence;
  }

  conversation(owner: string, id: string): ConversationRecord {
    const conversation = this.#owned(owner, id);
    if (!conversation) throw notFound('Conversation');
    return conversation;
  }

  /**
   * A live branch of the conversation. `field` names the request field the id came from
   * when it is not the path's (`branchId` in a body or query): a miss is then a reference
   * error, not "the resource is missing".
   */
  branch(conversation: ConversationRecord, id: string, field?: string): BranchRecord {
    const branch = this.branches.get(id);
    if (!branch || branch.deleted || branch.conversationId !== conversation.id) {
      throw field === undefined ? notFound('Branch') : referenceNotFound('Branch', field);
    }
    return branch;
  }

  /** A message of the conversation, wherever it lives; `field` as for {@link branch}. */
  messageIn(conversation: ConversationRecord, id: string, field?: string): MessageRecord {
    const message = this.messages.get(id);
    if (!message || message.deleted || message.conversationId !== conversation.id) {
      throw field === undefined ? notFound('Message') : referenceNotFound('Message', field);
    }
    return message;
  }

  /** A message looked up by id alone (the `/messages/{id}` routes), with its conversation. */
  ownedMessage(
    owner: string,
    id: string,
  ): { message: MessageRecord; conversation: ConversationRecord } {
    const message = this.messages.get(id);
    const conversation = message && !message.deleted && this.#owned(owner, message.conversationId);
    if (!message || !conversation) throw notFound('Message');
    return { message, conversation };
  }

  ownedCheckpoint(
    owner: string,
    id: string,
  ): { checkpoint: CheckpointRecord; conversation: ConversationRecord } {
    const checkpoint = this.checkpoints.get(id);
    const conversation =
      checkpoint && !checkpoint.deleted && this.#owned(owner, checkpoint.conversationId);
    if (!checkpoint || !conversation) throw notFound('Checkpoint');
    return { checkpoint, conversation };
  }

  /** The one ownership check: a live conversation of this API key, else `undefined`. */
  #owned(owner: string, conversationId: string): ConversationRecord | undefined {
    const conversation = this.conversations.get(conversationId);
    return conversation && !conversation.deleted && conversation.owner === owner
      ? conversation
      : undefined;
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
    this.changed('conversations', conversation);
    for (const branch of branches) {
      branch.updatedAt = now;
      this.changed('branches', branch);
    }
  }
}
