import type { Branch, Conversation, Message } from '../index.js';

/**
 * The description the store gives a branch that replaces the first message of a
 * conversation. The API cannot create a branch with an empty history (every branch inherits
 * its fork point), so an edit of the first message forks *at* it, with `MINIMAL` context
 * so that the reply does not see it, and says here which message it stands in for.
 */
export function replacementDescription(messageId: string): string {
  return `A new version of the first message (replaces ${messageId})`;
}

const REPLACES = /\(replaces ([^\s)]+)\)$/;

/** The id a branch replaces in its inherited history, if the store created it that way. */
function replacedMessageId(branch: Branch): string | undefined {
  return branch.description ? REPLACES.exec(branch.description)?.[1] : undefined;
}

const ROOT = '';

/**
 * One conversation as the server described it: messages by id (one object per id, so that
 * every branch's history shares the objects of its prefix), branches, and each branch's own
 * messages. The history of a branch is derived, as the service defines it: the parent's
 * history up to and including the fork point, then the branch's own messages. So every
 * branch is known once the conversation is read, and switching needs no request.
 */
export class ConversationGraph {
  readonly #messages = new Map<string, Message>();
  readonly #branches = new Map<string, Branch>();
  readonly #own = new Map<string, string[]>();
  #conversation: Conversation | undefined;
  #mainBranchId: string | undefined;
  // Derived data, rebuilt lazily after a change; unchanged histories keep their array.
  #paths = new Map<string, readonly Message[]>();
  #children: Map<string, Message[]> | undefined;
  #branchList: readonly Branch[] = [];
  #dirty = true;

  get conversation(): Conversation | undefined {
    return this.#conversation;
  }

  get mainBranchId(): string | undefined {
    return this.#mainBranchId;
  }

  branch(branchId: string): Branch | undefined {
    return this.#branches.get(branchId);
  }

  /** The branches, oldest first (the main branch is the oldest). */
  get branches(): readonly Branch[] {
    this.#rebuild();
    return this.#branchList;
  }

  /** Reads a whole conversation: its fields, branches and every message it carries. */
  ingestConversation(conversation: Conversation): void {
    const { messages, branches, ...fields } = conversation;
    this.#conversation = fields;
    for (const branch of branches ?? []) this.upsertBranch(branch);
    for (const message of messages ?? []) this.#appendOwn(this.#canonical(message));
    this.#dirty = true;
  }

  upsertBranch(branch: Branch): void {
    this.#branches.set(branch.id, branch);
    if (!this.#own.has(branch.id)) this.#own.set(branch.id, []);
    if (branch.isMain) this.#mainBranchId = branch.id;
    this.#dirty = true;
  }

  /**
   * Reads the history of one branch as the server listed it: the branch's own messages are
   * replaced by what the server says they are, inherited ones fill in their branches.
   */
  ingestBranchHistory(branchId: string, history: readonly Message[]): void {
    const own: string[] = [];
    for (const raw of history) {
      const message = this.#canonical(raw);
      if (this.#ownerOf(message) === branchId) own.push(message.id);
      else this.#appendOwn(message);
    }
    this.#own.set(branchId, own);
    this.#dirty = true;
  }

  /** Appends messages the server stored at the end of a branch. */
  append(branchId: string, ...messages: Message[]): void {
    const own = this.#own.get(branchId) ?? [];
    for (const message of messages) {
      this.#messages.set(message.id, message);
      if (!own.includes(message.id)) own.push(message.id);
    }
    this.#own.set(branchId, own);
    this.#dirty = true;
  }

  /**
   * Whether the branch's history is known in full: the server counted no more own messages
   * than we hold, and its fork point is in its parent's history.
   */
  isComplete(branchId: string): boolean {
    const branch = this.#branches.get(branchId);
    if (!branch) return false;
    const count = branch.messageCount;
    if (count !== undefined && (this.#own.get(branchId)?.length ?? 0) < count) return false;
    if (!branch.parentBranchId || !branch.forkPointMessageId) return true;
    if (!this.isComplete(branch.parentBranchId)) return false;
    return this.path(branch.parentBranchId).some((m) => m.id === branch.forkPointMessageId);
  }

  /** The messages of a branch, oldest first; the same array while it does not change. */
  path(branchId: string): readonly Message[] {
    this.#rebuild();
    return this.#paths.get(branchId) ?? [];
  }

  /** The versions at a position: every message that follows `parent` in some branch. */
  versionsAfter(parent: Message | undefined): readonly Message[] {
    this.#rebuild();
    return this.#children?.get(parent?.id ?? ROOT) ?? [];
  }

  /** The branches whose history holds `message` at `position`. */
  branchesThrough(message: Message, position: number): Branch[] {
    return this.branches.filter((branch) => this.path(branch.id)[position] === message);
  }

  /** The branch a message was written on (a message without one belongs to the main branch). */
  ownerOf(message: Message): string | undefined {
    return this.#ownerOf(message);
  }

  #ownerOf(message: Message): string | undefined {
    return message.branchId ?? this.#mainBranchId;
  }

  // One object per message id: a message read again keeps the object already held, so
  // snapshots built before and after share it (messages are immutable once written).
  #canonical(message: Message): Message {
    const known = this.#messages.get(message.id);
    if (known && known.content === message.content) return known;
    this.#messages.set(message.id, message);
    return message;
  }

  #appendOwn(message: Message): void {
    const owner = this.#ownerOf(message);
    if (owner === undefined) return;
    const own = this.#own.get(owner) ?? [];
    if (!own.includes(message.id)) own.push(message.id);
    this.#own.set(owner, own);
  }

  #rebuild(): void {
    if (!this.#dirty) return;
    this.#dirty = false;
    const order = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
      a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
    const branchList = [...this.#branches.values()].sort(
      (a, b) => Number(b.isMain) - Number(a.isMain) || order(a, b),
    );
    if (!sameItems(branchList, this.#branchList)) this.#branchList = branchList;

    const previous = this.#paths;
    this.#paths = new Map();
    for (const branch of this.#branchList) this.#derivePath(branch, previous, new Set());

    const children = new Map<string, Message[]>();
    for (const path of this.#paths.values()) {
      path.forEach((message, index) => {
        const key = path[index - 1]?.id ?? ROOT;
        const siblings = children.get(key) ?? [];
        if (!siblings.includes(message)) siblings.push(message);
        children.set(key, siblings);
      });
    }
    for (const siblings of children.values()) siblings.sort(order);
    this.#children = children;
  }

  #derivePath(
    branch: Branch,
    previous: Map<string, readonly Message[]>,
    visiting: Set<string>,
  ): readonly Message[] {
    const done = this.#paths.get(branch.id);
    if (done) return done;
    // A parent cycle would be a server bug; treat the branch as a root instead of looping.
    visiting.add(branch.id);
    let inherited: readonly Message[] = [];
    const parent = branch.parentBranchId ? this.#branches.get(branch.parentBranchId) : undefined;
    if (parent && branch.forkPointMessageId && !visiting.has(parent.id)) {
      const parentPath = this.#derivePath(parent, previous, visiting);
      const forkIndex = parentPath.findIndex((m) => m.id === branch.forkPointMessageId);
      inherited = parentPath.slice(0, forkIndex + 1);
      const replaced = replacedMessageId(branch);
      if (replaced !== undefined && inherited.at(-1)?.id === replaced) {
        inherited = inherited.slice(0, -1);
      }
    }
    const own = (this.#own.get(branch.id) ?? []).flatMap((id) => this.#messages.get(id) ?? []);
    const path = [...inherited, ...own];
    const before = previous.get(branch.id);
    const kept = before && sameItems(before, path) ? before : path;
    this.#paths.set(branch.id, kept);
    return kept;
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
