import type { Branch, Conversation, Message } from '../index.js';

/**
 * The description the store gives a branch that replaces the first message of a branch. The
 * API cannot create a branch with an empty history (every branch inherits its fork point),
 * so such an edit forks *at* the message, with `MINIMAL` context so that the reply does not
 * see it, and says here which message it stands in for.
 */
export function replacementDescription(messageId: string): string {
  return `A new version of the first message (replaces ${messageId})`;
}

const REPLACES = /\(replaces ([^\s)]+)\)$/;

/** The id a branch replaces in its inherited history, if the store created it that way. */
function replacedMessageId(branch: Branch): string | undefined {
  return branch.description ? REPLACES.exec(branch.description)?.[1] : undefined;
}

/**
 * A message in the tree of everything shown: its parent is the message shown before it on
 * the branch it was written on (`undefined` at the start of a conversation), its children
 * are the versions that follow it, oldest first.
 */
export interface MessageNode {
  readonly message: Message;
  readonly parent: MessageNode | undefined;
  readonly children: readonly MessageNode[];
}

interface MutableNode extends MessageNode {
  parent: MutableNode | undefined;
  readonly children: MutableNode[];
}

interface BranchState {
  readonly branch: Branch;
  readonly own: MutableNode[];
  /** The node its own messages hang from; `undefined` for a root. */
  base: MutableNode | undefined;
  /** Its fork point is named but not known: its history must be read. */
  missingForkPoint: boolean;
}

/**
 * One conversation as the server described it, held as a parent-pointer tree of messages
 * (one node per message id) and the branches that end somewhere in it. The history of a
 * branch is derived as the service defines it: the parent's history up to and including the
 * fork point, then the branch's own messages; so every branch is known once the conversation
 * is read, and switching needs no request. A branch's path costs its depth, a reply appended
 * costs O(1), and no operation is quadratic in the conversation.
 *
 * `version` counts changes, so that projections can tell when to look again.
 */
export class ConversationGraph {
  readonly #nodes = new Map<string, MutableNode>();
  readonly #branches = new Map<string, BranchState>();
  readonly #roots: MutableNode[] = [];
  #conversation: Conversation | undefined;
  #mainBranchId: string | undefined;
  #branchList: readonly Branch[] | undefined;
  #treeParents: Map<string, string | undefined> | undefined;
  #path: { branchId: string; version: number; nodes: readonly MessageNode[] } | undefined;
  #version = 0;
  // The appends to the end of one branch since a version, and nothing else: a projection of
  // that branch can extend what it built instead of walking its whole path again.
  #appends: { branchId: string; since: number } | undefined;

  /**
   * A graph of a conversation as read from the server. Messages already held by `previous`
   * keep their objects (messages are immutable once written), so snapshots share them.
   */
  static read(conversation: Conversation, previous?: ConversationGraph): ConversationGraph {
    const graph = new ConversationGraph();
    const { messages, branches, ...fields } = conversation;
    graph.#conversation = fields;
    for (const branch of branches ?? []) graph.#putBranch(branch);
    graph.#addMessages(messages ?? [], previous);
    graph.#link();
    return graph;
  }

  /** Counts changes: equal versions mean an equal graph. */
  get version(): number {
    return this.#version;
  }

  get conversation(): Conversation | undefined {
    return this.#conversation;
  }

  get mainBranchId(): string | undefined {
    return this.#mainBranchId;
  }

  branch(branchId: string): Branch | undefined {
    return this.#branches.get(branchId)?.branch;
  }

  /** The branches, the main branch first, then oldest first. */
  get branches(): readonly Branch[] {
    if (!this.#branchList) {
      this.#branchList = [...this.#branches.values()]
        .map((state) => state.branch)
        .sort((a, b) => Number(b.isMain) - Number(a.isMain) || byAge(a, b));
    }
    return this.#branchList;
  }

  /**
   * The branch a branch hangs under in the tree: its `parentBranchId`, unless that branch is
   * unknown or the parents form a cycle (a server bug), where the branch is a root.
   */
  treeParent(branchId: string): string | undefined {
    if (!this.#treeParents) {
      this.#treeParents = acyclicParents(
        [...this.#branches.keys()],
        (id) => this.#branches.get(id)?.branch.parentBranchId ?? undefined,
      );
    }
    return this.#treeParents.get(branchId);
  }

  /** Adds (or updates) branches listed apart from the conversation. */
  putBranches(branches: readonly Branch[]): void {
    for (const branch of branches) this.#putBranch(branch);
    this.#link();
  }

  /** Adds a branch the store just created; it has no messages of its own yet. */
  addBranch(branch: Branch): void {
    const state = this.#putBranch(branch);
    this.#place(state);
    this.#changed();
  }

  /**
   * Reads one branch's history as the server listed it: its own messages become what the
   * server says they are; inherited ones fill in the branches they were written on.
   */
  readBranchHistory(branchId: string, history: readonly Message[]): void {
    const state = this.#branches.get(branchId);
    if (!state) return;
    const own = new Set<string>();
    for (const message of history) if (this.ownerOf(message) === branchId) own.add(message.id);
    const others = [...this.#nodes.values()]
      .map((node) => node.message)
      .filter((message) => this.ownerOf(message) !== branchId);
    const fresh = history.filter((message) => !this.#nodes.has(message.id) || own.has(message.id));
    this.#nodes.clear();
    this.#roots.length = 0;
    for (const other of this.#branches.values()) other.own.length = 0;
    this.#addMessages([...others, ...fresh]);
    this.#link();
  }

  /** Appends messages the server stored at the end of a branch. */
  append(branchId: string, ...messages: Message[]): void {
    const state = this.#branches.get(branchId);
    if (!state) return;
    for (const message of messages) {
      if (this.#nodes.has(message.id)) continue;
      const node: MutableNode = { message, parent: state.own.at(-1) ?? state.base, children: [] };
      this.#nodes.set(message.id, node);
      state.own.push(node);
      adopt(node.parent ? node.parent.children : this.#roots, node);
    }
    const run =
      this.#appends?.branchId === branchId ? this.#appends : { branchId, since: this.#version };
    this.#changed();
    this.#appends = run;
  }

  /** Whether every change since `version` appended messages to the end of this branch. */
  appendedOnlyTo(branchId: string, version: number): boolean {
    return this.#appends?.branchId === branchId && this.#appends.since <= version;
  }

  /** The last message of a branch's path. */
  tip(branchId: string): MessageNode | undefined {
    const state = this.#branches.get(branchId);
    return state?.own.at(-1) ?? state?.base;
  }

  /**
   * Whether the branch's history is known in full: the server counted no more own messages
   * than we hold, and every fork point up its ancestry is known.
   */
  isComplete(branchId: string): boolean {
    const seen = new Set<string>();
    let state = this.#branches.get(branchId);
    if (!state) return false;
    while (state && !seen.has(state.branch.id)) {
      seen.add(state.branch.id);
      const count = state.branch.messageCount;
      if (count !== undefined && state.own.length < count) return false;
      if (state.missingForkPoint) return false;
      const base: Message | undefined = state.base?.message;
      state = base ? this.#branches.get(this.ownerOf(base) ?? '') : undefined;
    }
    return true;
  }

  /** The nodes of a branch's path, oldest first; the same array while the graph is unchanged. */
  pathNodes(branchId: string): readonly MessageNode[] {
    const cached = this.#path;
    if (cached?.branchId === branchId && cached.version === this.#version) return cached.nodes;
    const nodes: MessageNode[] = [];
    for (let node = this.tip(branchId); node; node = node.parent) nodes.push(node);
    nodes.reverse();
    this.#path = { branchId, version: this.#version, nodes };
    return nodes;
  }

  /** The messages of a branch's path, oldest first. */
  path(branchId: string): Message[] {
    return this.pathNodes(branchId).map((node) => node.message);
  }

  /** The messages that start a conversation: the versions of its first message. */
  get roots(): readonly MessageNode[] {
    return this.#roots;
  }

  node(messageId: string): MessageNode | undefined {
    return this.#nodes.get(messageId);
  }

  /** The branch a message was written on (a message without one belongs to the main branch). */
  ownerOf(message: Message): string | undefined {
    return message.branchId ?? this.#mainBranchId;
  }

  /**
   * Whether the server's history up to this message holds a message its path does not show
   * (one the user replaced): a branch forked there must not let the model read its history.
   */
  hidesHistoryUpTo(messageId: string): boolean {
    const seen = new Set<string>();
    let node = this.#nodes.get(messageId);
    while (node) {
      const owner = this.ownerOf(node.message);
      const state = owner === undefined ? undefined : this.#branches.get(owner);
      if (!state || seen.has(owner as string)) return false;
      seen.add(state.branch.id);
      const forkPoint = state.branch.forkPointMessageId;
      if (forkPoint && replacedMessageId(state.branch) === forkPoint) return true;
      node = forkPoint ? this.#nodes.get(forkPoint) : undefined;
    }
    return false;
  }

  #putBranch(branch: Branch): BranchState {
    const known = this.#branches.get(branch.id);
    const state: BranchState = {
      branch,
      own: known?.own ?? [],
      base: known?.base,
      missingForkPoint: known?.missingForkPoint ?? false,
    };
    this.#branches.set(branch.id, state);
    if (branch.isMain) this.#mainBranchId = branch.id;
    this.#branchList = undefined;
    this.#treeParents = undefined;
    return state;
  }

  #addMessages(messages: readonly Message[], previous?: ConversationGraph): void {
    for (const raw of messages) {
      if (this.#nodes.has(raw.id)) continue;
      const known = previous?.node(raw.id)?.message;
      const message = known && known.content === raw.content ? known : raw;
      const owner = this.#branches.get(this.ownerOf(message) ?? '');
      // A message of a branch the server did not list cannot be placed; it is not shown.
      if (!owner) continue;
      const node: MutableNode = { message, parent: undefined, children: [] };
      this.#nodes.set(message.id, node);
      owner.own.push(node);
    }
  }

  /**
   * Links every message to its parent, branches in an order where the branch a fork point
   * was written on comes first. A cycle of fork points (a server bug) makes its branches roots.
   */
  #link(): void {
    this.#roots.length = 0;
    for (const node of this.#nodes.values()) node.children.length = 0;
    const order = acyclicOrder([...this.#branches.keys()], (id) => {
      const forkPoint = this.#branches.get(id)?.branch.forkPointMessageId;
      const node = forkPoint ? this.#nodes.get(forkPoint) : undefined;
      return node ? this.ownerOf(node.message) : undefined;
    });
    for (const { id, cyclic } of order) {
      const state = this.#branches.get(id) as BranchState;
      if (cyclic) {
        state.base = undefined;
        state.missingForkPoint = false;
      } else {
        this.#place(state);
      }
      let parent = state.base;
      for (const node of state.own) {
        node.parent = parent;
        (parent ? parent.children : this.#roots).push(node);
        parent = node;
      }
    }
    for (const node of this.#nodes.values()) {
      if (node.children.length > 1) node.children.sort(byNodeAge);
    }
    this.#roots.sort(byNodeAge);
    this.#changed();
  }

  /** Where a branch's own messages hang: its fork point, or before it for a replacement. */
  #place(state: BranchState): void {
    const { forkPointMessageId, parentBranchId } = state.branch;
    const forkPoint = forkPointMessageId ? this.#nodes.get(forkPointMessageId) : undefined;
    state.missingForkPoint = Boolean(forkPointMessageId && parentBranchId && !forkPoint);
    if (!forkPoint || !parentBranchId) {
      state.base = undefined;
      return;
    }
    state.base =
      replacedMessageId(state.branch) === forkPoint.message.id ? forkPoint.parent : forkPoint;
  }

  #changed(): void {
    this.#appends = undefined;
    this.#version += 1;
  }
}

function byAge(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;
}

/** Oldest first, by creation time, then by id. */
export function byNodeAge(a: MessageNode, b: MessageNode): number {
  return byAge(a.message, b.message);
}

/** Adds a node to a list of siblings kept oldest first (a new one is usually the newest). */
function adopt(siblings: MutableNode[], node: MutableNode): void {
  siblings.push(node);
  const before = siblings.at(-2);
  if (before && byNodeAge(before, node) > 0) siblings.sort(byNodeAge);
}

/**
 * The ids ordered so that each comes after its parent, in linear time and without recursion
 * (parent chains can be thousands long); the members of a parent cycle are marked `cyclic`.
 */
export function acyclicOrder(
  ids: readonly string[],
  parentOf: (id: string) => string | undefined,
): Array<{ id: string; cyclic: boolean }> {
  const known = new Set(ids);
  const state = new Map<string, 'walking' | 'done'>();
  const order: Array<{ id: string; cyclic: boolean }> = [];
  for (const start of ids) {
    if (state.has(start)) continue;
    const chain: string[] = [];
    let id: string | undefined = start;
    while (id !== undefined && known.has(id) && !state.has(id)) {
      state.set(id, 'walking');
      chain.push(id);
      id = parentOf(id);
    }
    // Reaching a branch of this very walk again closes a cycle: from there on, all of it.
    const cycleStart = id !== undefined && state.get(id) === 'walking' ? chain.indexOf(id) : -1;
    for (let index = chain.length - 1; index >= 0; index--) {
      const member = chain[index] as string;
      state.set(member, 'done');
      order.push({ id: member, cyclic: cycleStart >= 0 && index >= cycleStart });
    }
  }
  return order;
}

/** Each id's parent, or `undefined` for a root, a missing parent or a member of a cycle. */
function acyclicParents(
  ids: readonly string[],
  parentOf: (id: string) => string | undefined,
): Map<string, string | undefined> {
  const known = new Set(ids);
  const parents = new Map<string, string | undefined>();
  for (const { id, cyclic } of acyclicOrder(ids, parentOf)) {
    const parent = parentOf(id);
    parents.set(id, !cyclic && parent !== undefined && known.has(parent) ? parent : undefined);
  }
  return parents;
}
