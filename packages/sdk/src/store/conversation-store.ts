import { AbortError, ChatRoutesError } from '../core/errors.js';
import { contextInfo } from '../helpers/context-info.js';
import type {
  Branch,
  BranchSuggestion,
  ChatRoutes,
  Checkpoint,
  ContextMode,
  Message,
  ModelName,
  StreamResult,
  SuggestBranchesParams,
} from '../index.js';
import { asChatRoutesError, invalidArgument } from './errors.js';
import { ConversationGraph, replacementDescription } from './graph.js';
import type {
  Alternatives,
  BranchNode,
  ConversationSnapshot,
  ExchangeSuggestions,
  PathEntry,
  StoreAction,
} from './snapshot.js';
import { type FlushScheduler, flushScheduler, type StreamThrottle } from './throttle.js';

/** How a `ConversationStore` behaves. */
export interface ConversationStoreOptions {
  /** The branch to show first; the main branch by default. */
  branchId?: string;
  /** The model of every send unless a send names its own; the conversation's by default. */
  model?: ModelName;
  /**
   * How often a streaming reply updates the snapshot: `'frame'` (default) once per animation
   * frame, or 16 ms where there are no frames; a number: at most once per that many ms;
   * `0`: on every chunk.
   */
  throttle?: StreamThrottle;
}

/** Options of one send (also of `edit` and `regenerate`, which send). */
export interface StoreSendOptions {
  /** The model of this reply. */
  model?: ModelName;
  /** Sampling temperature, 0 to 2. */
  temperature?: number;
  /** The longest reply, in tokens. */
  maxTokens?: number;
}

/** Options of `fork`. */
export interface StoreForkOptions {
  /** The new branch's title; by default made from the message it forks at. */
  title?: string;
  /** How much inherited history the branch's replies see; `FULL` by default. */
  contextMode?: ContextMode;
}

/** A reply in progress: the optimistic user message and the text received so far. */
interface LiveReply {
  branchId: string;
  user: Message;
  userKey: string;
  replyKey: string;
  text: string;
  startedAt: string;
}

const TITLE_LENGTH = 40;

/**
 * One conversation as the server sees it, and everything a chat UI renders from it: the
 * active branch's messages, the versions at each divergence, the branch tree, a reply as
 * it streams. Framework-free: `subscribe` + `getSnapshot` fit React's
 * `useSyncExternalStore`, Vue's `shallowRef`, Svelte stores or plain callbacks.
 *
 * Actions (`send`, `edit`, `regenerate`, `fork`, `switchBranch`, `createCheckpoint`, …) return
 * promises that never reject: a failure is put in `snapshot.error`, always a
 * `ChatRoutesError`, so a click handler needs no `try`. Await them to know when they end.
 *
 * ```ts
 * const store = new ConversationStore(client, conversationId);
 * store.subscribe(() => render(store.getSnapshot()));
 * await store.open();
 * await store.send('Plan a weekend in Lisbon');
 * ```
 */
export class ConversationStore {
  /** The conversation this store holds. */
  readonly conversationId: string;
  readonly #client: ChatRoutes;
  readonly #options: Required<Pick<ConversationStoreOptions, 'throttle'>> &
    ConversationStoreOptions;
  readonly #schedule: FlushScheduler;
  readonly #graph = new ConversationGraph();
  readonly #listeners = new Set<() => void>();
  readonly #lifetime = new AbortController();

  #status: ConversationSnapshot['status'] = 'loading';
  #activeBranchId: string | undefined;
  #pending: StoreAction | undefined;
  #error: ChatRoutesError | undefined;
  #unsent: string | undefined;
  #live: LiveReply | undefined;
  #stopController: AbortController | undefined;
  #cancelFlush: (() => void) | undefined;
  #checkpoints = new Map<string, Checkpoint>();
  #suggestions: ExchangeSuggestions | undefined;
  #opening: Promise<void> | undefined;

  // Which branch was shown last at a version, so "previous"/"next" go back where you were.
  readonly #visits = new Map<string, number>();
  #visitClock = 0;
  // Local keys of messages that were shown before the server stored them, so that a UI
  // keeps the same element when the stored copy replaces the local one.
  readonly #keys = new Map<string, string>();
  #localKeyCount = 0;
  // Caches of the last snapshot's parts, so unchanged parts keep their identity.
  #snapshot: ConversationSnapshot | undefined;
  #entries = new Map<string, PathEntry>();
  #graphVersion = 0;
  #storedEntries: { key: string; entries: readonly PathEntry[] } | undefined;
  #tree: { branches: readonly Branch[]; tree: readonly BranchNode[] } | undefined;

  constructor(client: ChatRoutes, conversationId: string, options: ConversationStoreOptions = {}) {
    if (typeof conversationId !== 'string' || conversationId.trim() === '') {
      throw new TypeError('conversationId must be a non-empty string');
    }
    this.#client = client;
    this.conversationId = conversationId;
    this.#options = { ...options, throttle: options.throttle ?? 'frame' };
    this.#schedule = flushScheduler(this.#options.throttle);
  }

  /** Calls `listener` after every change; returns the function that unsubscribes. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  /** The current state; the same object until something changes. */
  getSnapshot = (): ConversationSnapshot => {
    this.#snapshot ??= this.#buildSnapshot();
    return this.#snapshot;
  };

  /**
   * Reads the conversation: one request (`GET /conversations/{id}` carries every branch
   * and message), plus one for a branch whose messages it did not carry. Calling it again
   * returns the same promise; `refresh()` reads again.
   */
  open(): Promise<void> {
    this.#opening ??= this.#run('open', async (signal) => {
      await this.#read(signal);
      this.#status = 'ready';
    }).then(() => {
      if (this.#status === 'loading') this.#status = 'error';
      this.#changed();
    });
    return this.#opening;
  }

  /** Reads the whole conversation again (after changes made elsewhere). */
  refresh(): Promise<void> {
    return this.#run('open', async (signal) => {
      await this.#read(signal);
      this.#status = 'ready';
    });
  }

  /**
   * Sends a user message on the active branch and streams the reply into the path: the user
   * message at once, the reply text as it arrives (throttled), the stored messages at the end.
   */
  send(content: string, options: StoreSendOptions = {}): Promise<void> {
    return this.#run('send', async (signal) => {
      const branchId = this.#requireActive();
      await this.#stream(branchId, requireText(content), options, signal);
    });
  }

  /** Aborts the reply in progress; the store then reads what the server kept. */
  stop(): void {
    this.#stopController?.abort();
  }

  /**
   * Edits a user message into a new version: a new branch forked at the message before it,
   * where `content` is sent. That branch becomes active; the old version stays one
   * "previous version" away. (See the guide for the first message of a conversation.)
   */
  edit(messageId: string, content: string, options: StoreSendOptions = {}): Promise<void> {
    return this.#run('edit', async (signal) => {
      const text = requireText(content);
      const { message, index } = this.#find(messageId, 'user');
      const title = `Edit: ${excerpt(text)}`;
      await this.#branchBefore(index, message, title, signal);
      await this.#stream(this.#requireActive(), text, options, signal);
    });
  }

  /**
   * Asks again for an assistant reply: a new branch forked at the message before its
   * question, where the same question is sent again. That branch becomes active.
   */
  regenerate(messageId: string, options: StoreSendOptions = {}): Promise<void> {
    return this.#run('regenerate', async (signal) => {
      const { index } = this.#find(messageId, 'assistant');
      const question = this.#activePath()[index - 1];
      if (question?.role !== 'user') {
        throw invalidArgument(`Message ${messageId} answers no user message to ask again`);
      }
      const title = `Regenerate: ${excerpt(question.content)}`;
      await this.#branchBefore(index - 1, question, title, signal);
      await this.#stream(this.#requireActive(), question.content, options, signal);
    });
  }

  /** Starts a branch at a message of the path (it inherits the history up to it) and shows it. */
  fork(messageId: string, options: StoreForkOptions = {}): Promise<void> {
    return this.#run('fork', async (signal) => {
      const { message } = this.#find(messageId);
      await this.#forkAt(message, options, signal);
    });
  }

  /**
   * Forks at the exchange the suggestion was made for, titled after it; with `content`, sends
   * that as the branch's first message.
   */
  forkFromSuggestion(
    suggestion: BranchSuggestion,
    options: StoreSendOptions & { content?: string } = {},
  ): Promise<void> {
    return this.#run('fork', async (signal) => {
      const messageId = this.#suggestions?.messageId;
      if (!messageId || !this.#suggestions?.suggestions.includes(suggestion)) {
        throw invalidArgument('This suggestion is not one of the current suggestions');
      }
      const { content, ...send } = options;
      const { message } = this.#find(messageId);
      await this.#forkAt(message, { title: suggestion.title }, signal);
      if (content !== undefined) {
        await this.#stream(this.#requireActive(), requireText(content), send, signal);
      }
    });
  }

  /** Shows another branch. A branch already read makes no request. */
  switchBranch(branchId: string): Promise<void> {
    const run = async (signal: AbortSignal) => {
      if (!this.#graph.branch(branchId)) {
        throw invalidArgument(`Branch ${branchId} is not a branch of this conversation`);
      }
      this.#activate(branchId);
      if (!this.#graph.isComplete(branchId)) await this.#reread(branchId, signal);
    };
    // Switching is allowed while a reply streams: the reply goes on into its own branch.
    return this.#pending ? this.#attempt(run) : this.#run('switch', run);
  }

  /** Shows the previous version at the entry with this key (see `PathEntry.alternatives`). */
  showPrevious(key: string): Promise<void> {
    return this.#showVersion(key, 'previousBranchId');
  }

  /** Shows the next version at the entry with this key. */
  showNext(key: string): Promise<void> {
    return this.#showVersion(key, 'nextBranchId');
  }

  /**
   * Summarises the active branch up to its last message. The next reply is built from that
   * summary plus what follows (its `PathEntry.context.checkpointUsed` says so).
   */
  createCheckpoint(): Promise<void> {
    return this.#run('checkpoint', async (signal) => {
      const branchId = this.#requireActive();
      const anchor = this.#activePath().at(-1);
      if (!anchor) throw invalidArgument('The branch has no message to anchor a checkpoint on');
      const checkpoint = await this.#client.checkpoints.create(
        this.conversationId,
        branchId,
        anchor.id,
        { signal },
      );
      this.#checkpoints.set(branchId, checkpoint);
    });
  }

  /** Asks AutoBranch where the last exchange (question and reply) could branch. */
  suggestBranches(params: Omit<SuggestBranchesParams, 'text'> = {}): Promise<void> {
    return this.#run('suggest', async (signal) => {
      const path = this.#activePath();
      const reply = path.at(-1);
      const question = path.at(-2);
      if (reply?.role !== 'assistant' || question?.role !== 'user') {
        throw invalidArgument('The branch does not end with a question and its reply');
      }
      const text = `${question.content}\n\n${reply.content}`;
      const { suggestions } = await this.#client.autobranch.suggestBranches(
        { ...params, text },
        { signal },
      );
      this.#suggestions = { messageId: reply.id, text, suggestions };
    });
  }

  /** Clears `snapshot.error` and `snapshot.unsent`. */
  dismissError(): void {
    this.#error = undefined;
    this.#unsent = undefined;
    this.#changed();
  }

  /** Cancels every request in progress and drops the listeners. */
  dispose(): void {
    this.#lifetime.abort(new AbortError('The store was disposed'));
    this.#cancelFlush?.();
    this.#listeners.clear();
  }

  // ——— actions ———

  async #run(action: StoreAction, body: (signal: AbortSignal) => Promise<void>): Promise<void> {
    if (this.#pending) {
      this.#error = new ChatRoutesError(`Cannot ${action} while ${this.#pending} is in progress`, {
        code: 'busy',
      });
      this.#changed();
      return;
    }
    this.#pending = action;
    this.#error = undefined;
    this.#unsent = undefined;
    this.#changed();
    try {
      await this.#attempt(body);
    } finally {
      this.#pending = undefined;
      this.#changed();
    }
  }

  async #attempt(body: (signal: AbortSignal) => Promise<void>): Promise<void> {
    try {
      await body(this.#lifetime.signal);
    } catch (error) {
      if (!this.#lifetime.signal.aborted) this.#error = asChatRoutesError(error);
    }
    this.#changed();
  }

  async #read(signal: AbortSignal): Promise<void> {
    const conversation = await this.#client.conversations.get(this.conversationId, { signal });
    this.#graph.ingestConversation(conversation);
    // A server that does not embed the branches gets asked for them.
    if (!conversation.branches) {
      for (const branch of await this.#client.branches.list(this.conversationId, { signal })) {
        this.#graph.upsertBranch(branch);
      }
    }
    this.#graphVersion += 1;
    const active = this.#activeBranchId ?? this.#options.branchId ?? this.#graph.mainBranchId;
    if (!active || !this.#graph.branch(active)) {
      throw invalidArgument(`Branch ${active ?? '(main)'} is not a branch of this conversation`);
    }
    this.#activate(active);
    if (!this.#graph.isComplete(active)) await this.#reread(active, signal);
  }

  /** Reads one branch's history from the server: after a failure, or if it was not embedded. */
  async #reread(branchId: string, signal: AbortSignal): Promise<void> {
    const history = await this.#client.branches.getMessages(this.conversationId, branchId, {
      signal,
    });
    this.#graph.ingestBranchHistory(branchId, history);
    this.#graphVersion += 1;
  }

  async #stream(
    branchId: string,
    content: string,
    options: StoreSendOptions,
    signal: AbortSignal,
  ): Promise<void> {
    const stop = new AbortController();
    const abort = () => stop.abort(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    this.#stopController = stop;
    const startedAt = new Date().toISOString();
    const userKey = this.#localKey();
    const live: LiveReply = {
      branchId,
      userKey,
      replyKey: this.#localKey(),
      text: '',
      startedAt,
      user: {
        id: userKey,
        conversationId: this.conversationId,
        branchId,
        parentMessageId: this.#graph.path(branchId).at(-1)?.id ?? null,
        role: 'user',
        content,
        createdAt: startedAt,
      },
    };
    this.#live = live;
    this.#changed();

    const model = options.model ?? this.#options.model;
    let result: StreamResult | undefined;
    try {
      const stream = this.#client.messages.stream(
        this.conversationId,
        {
          content,
          branchId,
          ...(model !== undefined && { model }),
          ...(options.temperature !== undefined && { temperature: options.temperature }),
          ...(options.maxTokens !== undefined && { maxTokens: options.maxTokens }),
        },
        { signal: stop.signal },
      );
      for await (const chunk of stream) {
        if (chunk.type === 'content') {
          live.text += chunk.content;
          this.#scheduleFlush();
        } else if (chunk.type === 'complete') {
          result = chunk;
        }
      }
    } catch (error) {
      this.#endLive();
      if (signal.aborted) throw error;
      await this.#recover(branchId, content, error, signal);
      return;
    } finally {
      signal.removeEventListener('abort', abort);
      this.#stopController = undefined;
    }
    this.#endLive();
    if (result) await this.#storeExchange(live, result, signal);
  }

  /**
   * The stored messages of a finished reply. The `complete` chunk carries the assistant
   * message; its `parentMessageId` is the id the server gave the user message, which is
   * otherwise the text we sent. Without that link the branch is read again.
   */
  async #storeExchange(live: LiveReply, result: StreamResult, signal: AbortSignal): Promise<void> {
    const reply = result.message;
    const userId = reply.parentMessageId;
    if (!userId || this.#graph.path(live.branchId).some((m) => m.id === userId)) {
      await this.#reread(live.branchId, signal);
      return;
    }
    const user: Message = { ...live.user, id: userId };
    this.#keys.set(userId, live.userKey);
    this.#keys.set(reply.id, live.replyKey);
    this.#graph.append(live.branchId, user, reply);
    this.#graphVersion += 1;
  }

  /**
   * After a stream failed or was stopped, the server's state is read again instead of
   * guessed: it may have kept the user message alone, or nothing at all.
   */
  async #recover(
    branchId: string,
    content: string,
    error: unknown,
    signal: AbortSignal,
  ): Promise<void> {
    const before = new Set(this.#graph.path(branchId));
    try {
      await this.#reread(branchId, signal);
    } catch (rereadError) {
      // The failure that matters to the user is the first one; a stop that cannot be
      // confirmed is reported as the read's failure.
      if (error instanceof AbortError) throw rereadError;
      throw error;
    }
    const kept = this.#graph
      .path(branchId)
      .some((m) => !before.has(m) && m.role === 'user' && m.content === content);
    if (!kept) this.#unsent = content;
    // A stop is what the user asked for, not an error; its text comes back all the same.
    if (error instanceof AbortError) return;
    throw error;
  }

  #endLive(): void {
    this.#cancelFlush?.();
    this.#cancelFlush = undefined;
    this.#live = undefined;
    this.#changed();
  }

  async #branchBefore(
    index: number,
    message: Message,
    title: string,
    signal: AbortSignal,
  ): Promise<void> {
    const before = this.#activePath()[index - 1];
    const branch = before
      ? await this.#client.branches.fork(
          this.conversationId,
          { forkPointMessageId: before.id, title },
          { signal },
        )
      : // The first message has no message before it: fork at it, hiding it (see graph.ts).
        await this.#client.branches.create(
          this.conversationId,
          {
            title,
            baseNodeId: message.id,
            contextMode: 'MINIMAL',
            description: replacementDescription(message.id),
          },
          { signal },
        );
    this.#addBranch(branch);
  }

  async #forkAt(message: Message, options: StoreForkOptions, signal: AbortSignal): Promise<void> {
    const branch = await this.#client.branches.fork(
      this.conversationId,
      {
        forkPointMessageId: message.id,
        title: options.title ?? `Fork: ${excerpt(message.content)}`,
        ...(options.contextMode && { contextMode: options.contextMode }),
      },
      { signal },
    );
    this.#addBranch(branch);
  }

  #addBranch(branch: Branch): void {
    this.#graph.upsertBranch(branch);
    this.#graphVersion += 1;
    this.#activate(branch.id);
  }

  async #showVersion(key: string, side: 'previousBranchId' | 'nextBranchId'): Promise<void> {
    const entry = this.getSnapshot().path.find((candidate) => candidate.key === key);
    const branchId = entry?.alternatives?.[side];
    if (!branchId) {
      this.#error = invalidArgument(`No ${side === 'nextBranchId' ? 'next' : 'previous'} version`);
      this.#changed();
      return;
    }
    await this.switchBranch(branchId);
  }

  #activate(branchId: string): void {
    this.#activeBranchId = branchId;
    this.#visitClock += 1;
    this.#visits.set(branchId, this.#visitClock);
    this.#changed();
  }

  #requireActive(): string {
    if (!this.#activeBranchId) throw invalidArgument('The conversation is not open yet');
    return this.#activeBranchId;
  }

  #activePath(): readonly Message[] {
    return this.#activeBranchId ? this.#graph.path(this.#activeBranchId) : [];
  }

  #find(messageId: string, role?: Message['role']): { message: Message; index: number } {
    const index = this.#activePath().findIndex((m) => m.id === messageId);
    const message = this.#activePath()[index];
    if (!message) throw invalidArgument(`Message ${messageId} is not on the active branch`);
    if (role && message.role !== role) {
      throw invalidArgument(`Message ${messageId} is a ${message.role} message, not a ${role} one`);
    }
    return { message, index };
  }

  #localKey(): string {
    this.#localKeyCount += 1;
    return `local-${this.#localKeyCount}`;
  }

  // ——— snapshots ———

  #changed(): void {
    this.#snapshot = undefined;
    for (const listener of [...this.#listeners]) listener();
  }

  #scheduleFlush(): void {
    if (this.#cancelFlush) return;
    let flushed = false;
    const cancel = this.#schedule(() => {
      flushed = true;
      this.#cancelFlush = undefined;
      this.#changed();
    });
    // A throttle of 0 flushes at once: nothing stays scheduled.
    if (!flushed) this.#cancelFlush = cancel;
  }

  #buildSnapshot(): ConversationSnapshot {
    const activeBranchId = this.#activeBranchId;
    const stored = this.#storedPathEntries();
    const live = this.#live;
    const path =
      live && live.branchId === activeBranchId ? [...stored, ...this.#liveEntries(live)] : stored;
    const previous = this.#snapshot;
    const branches = this.#graph.branches;
    const last = stored.at(-1);
    return {
      conversationId: this.conversationId,
      status: this.#status,
      conversation: this.#graph.conversation,
      branches,
      tree: this.#branchTree(branches),
      activeBranchId,
      path: previous && sameItems(previous.path, path) ? previous.path : path,
      streaming: live !== undefined,
      streamingBranchId: live?.branchId,
      pending: this.#pending,
      error: this.#error,
      unsent: this.#unsent,
      checkpoint: activeBranchId ? this.#checkpoints.get(activeBranchId) : undefined,
      suggestions:
        this.#suggestions && last?.message.id === this.#suggestions.messageId
          ? this.#suggestions
          : undefined,
    };
  }

  // Built again only when the graph or the visits changed, not on every streamed chunk.
  #storedPathEntries(): readonly PathEntry[] {
    const branchId = this.#activeBranchId;
    const cacheKey = `${branchId}:${this.#graphVersion}:${this.#visitClock}`;
    if (this.#storedEntries?.key === cacheKey) return this.#storedEntries.entries;
    const messages = branchId ? this.#graph.path(branchId) : [];
    const entries = messages.map((message, index) =>
      this.#entry(
        this.#keys.get(message.id) ?? message.id,
        message,
        'stored',
        this.#alternatives(messages, index),
      ),
    );
    this.#storedEntries = { key: cacheKey, entries };
    return entries;
  }

  #liveEntries(live: LiveReply): PathEntry[] {
    const reply: Message = {
      id: live.replyKey,
      conversationId: this.conversationId,
      branchId: live.branchId,
      parentMessageId: live.user.id,
      role: 'assistant',
      content: live.text,
      createdAt: live.startedAt,
    };
    const replyEntry = this.#entries.get(live.replyKey);
    return [
      this.#entry(live.userKey, live.user, 'sending', undefined),
      replyEntry?.message.content === live.text && replyEntry.status === 'streaming'
        ? replyEntry
        : this.#entry(live.replyKey, reply, 'streaming', undefined),
    ];
  }

  #entry(
    key: string,
    message: Message,
    status: PathEntry['status'],
    alternatives: Alternatives | undefined,
  ): PathEntry {
    const known = this.#entries.get(key);
    if (
      known &&
      known.message === message &&
      known.status === status &&
      sameAlternatives(known.alternatives, alternatives)
    ) {
      return known;
    }
    const entry: PathEntry = {
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

  #alternatives(path: readonly Message[], index: number): Alternatives | undefined {
    const message = path[index] as Message;
    const versions = this.#graph.versionsAfter(path[index - 1]);
    if (versions.length < 2) return undefined;
    const at = versions.indexOf(message);
    const previous = versions[at - 1];
    const next = versions[at + 1];
    return {
      index: at,
      count: versions.length,
      previousBranchId: previous && this.#branchShowing(previous, index),
      nextBranchId: next && this.#branchShowing(next, index),
    };
  }

  /** The branch to show a version in: the one last shown with it, else the one it was written on. */
  #branchShowing(message: Message, position: number): string | undefined {
    const candidates = this.#graph.branchesThrough(message, position);
    let best: Branch | undefined;
    for (const branch of candidates) {
      const visited = this.#visits.get(branch.id) ?? 0;
      const bestVisited = best ? (this.#visits.get(best.id) ?? 0) : -1;
      if (visited > bestVisited) best = branch;
      else if (visited === bestVisited && branch.id === this.#graph.ownerOf(message)) best = branch;
    }
    return best?.id;
  }

  #branchTree(branches: readonly Branch[]): readonly BranchNode[] {
    if (this.#tree?.branches === branches) return this.#tree.tree;
    const ids = new Set(branches.map((branch) => branch.id));
    const nodeOf = (branch: Branch): BranchNode => ({
      branch,
      children: branches.filter((child) => child.parentBranchId === branch.id).map(nodeOf),
    });
    const tree = branches
      .filter((branch) => !branch.parentBranchId || !ids.has(branch.parentBranchId))
      .map(nodeOf);
    this.#tree = { branches, tree };
    return tree;
  }
}

function requireText(content: string): string {
  if (typeof content !== 'string' || content.trim() === '') {
    throw invalidArgument('The message is empty: write something to send');
  }
  return content;
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line;
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
