import type { ChatRoutesError } from '../core/errors.js';
import { contextInfo } from '../helpers/context-info.js';
import type { Branch, Checkpoint, Message } from '../index.js';
import { byNodeAge, type ConversationGraph, type MessageNode } from './graph.js';
import { type LiveReply, replyMessage } from './live-reply.js';
import type {
  Alternatives,
  BranchNode,
  ConversationSnapshot,
  ExchangeSuggestions,
  PathEntry,
  StoreAction,
} from './snapshot.js';

/** What the store knows besides the graph: the UI's state. */
export interface ViewState {
  readonly status: ConversationSnapshot['status'];
  readonly activeBranchId: string | undefined;
  readonly pending: StoreAction | undefined;
  readonly error: ChatRoutesError | undefined;
  readonly unsent: string | undefined;
  /** The reply streaming, or the one stopped last (shown `unsaved` until the next action). */
  readonly live: LiveReply | undefined;
  readonly checkpoints: ReadonlyMap<string, Checkpoint>;
  readonly suggestions: ExchangeSuggestions | undefined;
}

/**
 * The projection of the graph and the UI state onto a `ConversationSnapshot`. Everything
 * that did not change keeps its object: the path's entries (by key), the path array, the
 * branch tree. The stored part of the path is computed again only when the graph or the
 * active branch changed, in one walk along it: the versions at a position are looked up in
 * the tree, never by scanning branches.
 *
 * It also remembers which branch was shown last through each message, so that "previous" /
 * "next" go back where the user was.
 */
export class PathView {
  readonly #conversationId: string;
  #entries = new Map<string, PathEntry>();
  #stored:
    | {
        branchId: string;
        version: number;
        entries: readonly PathEntry[];
        /** The version of the last entry: what follows its members may follow it. */
        group: readonly MessageNode[] | undefined;
      }
    | undefined;
  #tree: { branches: readonly Branch[]; tree: readonly BranchNode[] } | undefined;
  #snapshot: ConversationSnapshot | undefined;
  // Message id → the branch last shown through it; branch id → when it was shown.
  readonly #shownThrough = new Map<string, string>();
  readonly #shownAt = new Map<string, number>();
  #clock = 0;

  constructor(conversationId: string) {
    this.#conversationId = conversationId;
  }

  project(graph: ConversationGraph, state: ViewState, keys: ReadonlyMap<string, string>) {
    const stored = this.#storedEntries(graph, state.activeBranchId, keys);
    const live = state.live;
    const path =
      live && live.branchId === state.activeBranchId
        ? [...stored, ...this.#liveEntries(live)]
        : stored;
    const previous = this.#snapshot;
    const branches = graph.branches;
    const last = stored.at(-1);
    const streaming =
      live?.state === 'streaming' || (live !== undefined && state.pending !== undefined);
    const snapshot: ConversationSnapshot = {
      conversationId: this.#conversationId,
      status: state.status,
      conversation: graph.conversation,
      branches,
      tree: this.#branchTree(graph, branches),
      activeBranchId: state.activeBranchId,
      path: previous && sameItems(previous.path, path) ? previous.path : path,
      streaming,
      streamingBranchId: streaming ? live?.branchId : undefined,
      pending: state.pending,
      error: state.error,
      unsent: state.unsent,
      checkpoint: state.activeBranchId ? state.checkpoints.get(state.activeBranchId) : undefined,
      suggestions:
        state.suggestions && last?.message.id === state.suggestions.messageId
          ? state.suggestions
          : undefined,
    };
    this.#snapshot = snapshot;
    return snapshot;
  }

  #storedEntries(
    graph: ConversationGraph,
    branchId: string | undefined,
    keys: ReadonlyMap<string, string>,
  ): readonly PathEntry[] {
    if (!branchId) return [];
    const cached = this.#stored;
    if (cached?.branchId === branchId && cached.version === graph.version) return cached.entries;
    this.#clock += 1;
    this.#shownAt.set(branchId, this.#clock);

    // A reply stored at the end of the path shown: only the new messages are projected.
    if (cached?.branchId === branchId && graph.appendedOnlyTo(branchId, cached.version)) {
      const last = cached.entries.at(-1)?.message;
      const added: MessageNode[] = [];
      let node = graph.tip(branchId);
      for (; node && node.message !== last; node = node.parent) added.push(node);
      if (node || last === undefined) {
        added.reverse();
        const candidates = cached.group ? childrenOf(cached.group) : graph.roots;
        const more = this.#project(graph, branchId, added, candidates, this.#entries, keys);
        const entries = cached.entries.concat(more.entries);
        this.#stored = {
          branchId,
          version: graph.version,
          entries,
          group: more.group ?? cached.group,
        };
        return entries;
      }
    }

    const known = this.#entries;
    this.#entries = new Map();
    const nodes = graph.pathNodes(branchId);
    const { entries, group } = this.#project(graph, branchId, nodes, graph.roots, known, keys);
    this.#stored = { branchId, version: graph.version, entries, group };
    return entries;
  }

  /**
   * The entries of consecutive messages of a path, the first of which is one of
   * `candidates`; also the version of the last one. Each message is marked as last shown
   * through this branch.
   */
  #project(
    graph: ConversationGraph,
    branchId: string,
    nodes: readonly MessageNode[],
    candidates: readonly MessageNode[],
    known: ReadonlyMap<string, PathEntry>,
    keys: ReadonlyMap<string, string>,
  ): { entries: PathEntry[]; group: readonly MessageNode[] | undefined } {
    for (const node of nodes) this.#shownThrough.set(node.message.id, branchId);
    const entries: PathEntry[] = new Array(nodes.length);
    let next = candidates;
    let group: readonly MessageNode[] | undefined;
    for (let index = 0; index < nodes.length; index++) {
      const node = nodes[index] as MessageNode;
      let alternatives: Alternatives | undefined;
      group = [node];
      if (next.length > 1) {
        const versions = versionsAmong(next);
        const at = versions.findIndex((version) => version.includes(node));
        group = versions[at] ?? group;
        if (versions.length > 1) {
          alternatives = {
            index: at,
            count: versions.length,
            previousBranchId: this.#branchShowing(graph, versions[at - 1]),
            nextBranchId: this.#branchShowing(graph, versions[at + 1]),
          };
        }
      }
      const message = node.message;
      const key = keys.get(message.id) ?? message.id;
      entries[index] = this.#entry(known, key, message, 'stored', alternatives);
      next = childrenOf(group);
    }
    return { entries, group };
  }

  /** The branch to show a version in: the one last shown through it, else the one it was written on. */
  #branchShowing(
    graph: ConversationGraph,
    version: readonly MessageNode[] | undefined,
  ): string | undefined {
    if (!version) return undefined;
    let best: string | undefined;
    let bestAt = -1;
    for (const member of version) {
      const branchId = this.#shownThrough.get(member.message.id);
      const at = branchId && graph.branch(branchId) ? (this.#shownAt.get(branchId) ?? 0) : -1;
      if (at > bestAt) {
        best = branchId;
        bestAt = at;
      }
    }
    return best ?? graph.ownerOf((version[0] as MessageNode).message);
  }

  #liveEntries(live: LiveReply): PathEntry[] {
    const known = this.#entries;
    const replyStatus = live.state === 'streaming' ? 'streaming' : 'unsaved';
    const replyEntry = known.get(live.replyKey);
    const reply =
      replyEntry?.message.content === live.text && replyEntry.status === replyStatus
        ? replyEntry
        : this.#entry(known, live.replyKey, replyMessage(live), replyStatus, undefined);
    if (live.questionStored) return [reply];
    const userStatus = live.state === 'streaming' ? 'sending' : 'unsaved';
    return [this.#entry(known, live.userKey, live.user, userStatus, undefined), reply];
  }

  #entry(
    known: ReadonlyMap<string, PathEntry>,
    key: string,
    message: Message,
    status: PathEntry['status'],
    alternatives: Alternatives | undefined,
  ): PathEntry {
    const before = known.get(key);
    const entry =
      before &&
      before.message === message &&
      before.status === status &&
      sameAlternatives(before.alternatives, alternatives)
        ? before
        : {
            key,
            message,
            status,
            alternatives,
            context:
              status === 'stored' && message.role === 'assistant' && message.metadata
                ? contextInfo(message)
                : undefined,
          };
    this.#entries.set(key, entry);
    return entry;
  }

  #branchTree(graph: ConversationGraph, branches: readonly Branch[]): readonly BranchNode[] {
    if (this.#tree?.branches === branches) return this.#tree.tree;
    // Built without recursion (a chain of forks can be thousands deep); parents are acyclic
    // (see treeParent), and children come in the order of `branches`: oldest first.
    const nodes = new Map<string, { branch: Branch; children: BranchNode[] }>();
    for (const branch of branches) nodes.set(branch.id, { branch, children: [] });
    const tree: BranchNode[] = [];
    for (const branch of branches) {
      const node = nodes.get(branch.id) as BranchNode;
      const parent = graph.treeParent(branch.id);
      const siblings = parent === undefined ? tree : nodes.get(parent)?.children;
      (siblings ?? tree).push(node);
    }
    this.#tree = { branches, tree };
    return tree;
  }
}

/**
 * The versions among the messages that may follow the same position, oldest first. User
 * messages with the same text are one version (a regenerate asks the same question again:
 * its versions are the replies'); every other message is a version of its own.
 */
function versionsAmong(candidates: readonly MessageNode[]): MessageNode[][] {
  const versions: MessageNode[][] = [];
  const byText = new Map<string, MessageNode[]>();
  for (const node of [...candidates].sort(byNodeAge)) {
    if (node.message.role !== 'user') {
      versions.push([node]);
      continue;
    }
    const same = byText.get(node.message.content);
    if (same) {
      same.push(node);
    } else {
      const version = [node];
      byText.set(node.message.content, version);
      versions.push(version);
    }
  }
  return versions;
}

/** The messages that may follow a version: the children of all its members. */
function childrenOf(group: readonly MessageNode[]): readonly MessageNode[] {
  const [only] = group;
  return group.length === 1 && only ? only.children : group.flatMap((member) => member.children);
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function sameAlternatives(a: Alternatives | undefined, b: Alternatives | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.index === b.index &&
    a.count === b.count &&
    a.previousBranchId === b.previousBranchId &&
    a.nextBranchId === b.nextBranchId
  );
}
