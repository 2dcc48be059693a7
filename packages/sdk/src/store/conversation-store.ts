import { AbortError, ChatRoutesError } from '../core/errors.js';
import type {
  Branch,
  BranchSuggestion,
  ChatRoutes,
  ContextMode,
  Message,
  ModelName,
  StreamResult,
  SuggestBranchesParams,
} from '../index.js';
import { asChatRoutesError, invalidArgument } from './errors.js';
import { ConversationGraph, replacementDescription } from './graph.js';
import { Listeners } from './listeners.js';
import { type LiveReply, ReplyStream, type StreamThrottle, startReply } from './live-reply.js';
import { PathView, type ViewState } from './path-view.js';
import type { ConversationSnapshot, StoreAction } from './snapshot.js';

/** How a `ConversationStore` behaves; `setOptions` changes them on a living store. */
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
  /** The new branch's title; by default made from the question it continues. */
  title?: string;
  /**
   * How much inherited history the branch's replies see; `FULL` by default. Where that
   * history holds a message the user replaced, the branch is made `MINIMAL` regardless: the
   * model reads less than the path shows, never something else.
   */
  contextMode?: ContextMode;
}

/** One action under way: its signal, and the user's text until the server stored it. */
interface Run {
  readonly signal: AbortSignal;
  /** Text the user wrote that this action has not stored yet; handed back if it fails. */
  text: string | undefined;
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
 * One action runs at a time (a switch excepted); another is refused with the code `busy`,
 * and text the user wrote that no action stored comes back in `snapshot.unsent`.
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
  readonly #listeners = new Listeners();
  readonly #lifetime = new AbortController();
  readonly #view: PathView;
  readonly #replies: ReplyStream;
  // Local keys of messages shown before the server stored them, so that a UI keeps the same
  // element when the stored copy replaces the local one.
  readonly #keys = new Map<string, string>();
  #options: ConversationStoreOptions;
  #graph = new ConversationGraph();
  #state: ViewState = {
    status: 'loading',
    activeBranchId: undefined,
    pending: undefined,
    error: undefined,
    unsent: undefined,
    live: undefined,
    checkpoints: new Map(),
    suggestions: undefined,
  };
  #snapshot: ConversationSnapshot | undefined;
  // The replies in progress that `stop()` aborts: one for a send, all of them for a compare.
  readonly #stopControllers = new Set<AbortController>();
  #opening: Promise<void> | undefined;
  #localKeyCount = 0;

  constructor(client: ChatRoutes, conversationId: string, options: ConversationStoreOptions = {}) {
    if (typeof conversationId !== 'string' || conversationId.trim() === '') {
      throw new TypeError('conversationId must be a non-empty string');
    }
    this.#client = client;
    this.conversationId = conversationId;
    this.#options = { ...options };
    this.#replies = new ReplyStream(options.throttle ?? 'frame');
    this.#view = new PathView(conversationId);
  }

  /** Calls `listener` after every change; returns the function that unsubscribes. */
  subscribe = (listener: () => void): (() => void) => {
    if (this.#disposed) return () => {};
    return this.#listeners.add(listener);
  };

  /** The current state; the same object until something changes. */
  getSnapshot = (): ConversationSnapshot => {
    this.#snapshot ??= this.#view.project(this.#graph, this.#state, this.#keys);
    return this.#snapshot;
  };

  /**
   * Changes the options of a living store without reading anything again: `model` and
   * `throttle` apply from the next send and the next update (a reply streaming goes on);
   * a new `branchId` shows that branch.
   */
  setOptions(options: ConversationStoreOptions): void {
    if (this.#disposed) return;
    const before = this.#options;
    this.#options = { ...options };
    if (options.throttle !== before.throttle)
      this.#replies.setThrottle(options.throttle ?? 'frame');
    if (
      options.branchId !== undefined &&
      options.branchId !== before.branchId &&
      this.#state.status === 'ready'
    ) {
      void this.switchBranch(options.branchId);
    }
  }

  /**
   * Reads the conversation: one request (`GET /conversations/{id}` carries every branch
   * and message), plus one for a branch whose messages it did not carry. Calling it again
   * returns the same promise; `refresh()` reads again.
   */
  open(): Promise<void> {
    this.#opening ??= this.#run('open', undefined, async (run) => {
      try {
        await this.#read(run.signal);
      } catch (error) {
        // Published with the error, in the change that ends the action.
        this.#stage({ status: 'error' });
        throw error;
      }
    });
    return this.#opening;
  }

  /** Reads the whole conversation again: the store then shows what a fresh one would. */
  refresh(): Promise<void> {
    return this.#run('open', undefined, (run) => this.#read(run.signal));
  }

  /**
   * Sends a user message on the active branch and streams the reply into the path: the user
   * message at once, the reply text as it arrives (throttled), the stored messages at the end.
   */
  send(content: string, options: StoreSendOptions = {}): Promise<void> {
    return this.#run('send', content, async (run) => {
      await this.#stream(this.#requireActive(), requireText(content), options, run);
    });
  }

  /**
   * Aborts the reply in progress. What was written stays on the path, marked `unsaved`, until
   * the next action; the server keeps none of it (or only the question), so the model will
   * not read the partial reply. A question the server did not keep comes back in `unsent`.
   */
  stop(): void {
    for (const controller of this.#stopControllers) controller.abort();
  }

  /**
   * Edits a user message into a new version: a new branch forked at the message before it,
   * where `content` is sent. That branch becomes active; the old version stays one
   * "previous version" away. (See the guide for the first message of a branch.)
   */
  edit(messageId: string, content: string, options: StoreSendOptions = {}): Promise<void> {
    return this.#run('edit', content, async (run) => {
      const text = requireText(content);
      const { message, index } = this.#find(messageId, 'user');
      await this.#branchBefore(index, message, `Edit: ${excerpt(text)}`, run.signal);
      await this.#stream(this.#requireActive(), text, options, run);
    });
  }

  /**
   * Asks again for an assistant reply: a new branch forked at the message before its
   * question, where the same question is sent again. That branch becomes active; the replies
   * are the versions of that position (the question, unchanged, shows no versions).
   */
  regenerate(messageId: string, options: StoreSendOptions = {}): Promise<void> {
    return this.#run('regenerate', undefined, async (run) => {
      const { index } = this.#find(messageId, 'assistant');
      const question = this.#activePath()[index - 1];
      if (question?.role !== 'user') {
        throw invalidArgument(`Message ${messageId} answers no user message to ask again`);
      }
      const title = `Regenerate: ${excerpt(question.content)}`;
      await this.#branchBefore(index - 1, question, title, run.signal);
      await this.#stream(this.#requireActive(), question.content, options, run);
    });
  }

  /**
   * Asks one question of several models at once, to compare their replies: the first model
   * answers on the active branch, streaming as `send` does; every other model on a branch of
   * its own, forked where the question starts, at the same time. The replies become the
   * versions of one position (each with its `model`), and the first model's stays shown. A
   * model that fails leaves the others' replies in place; `snapshot.error` names the failure.
   */
  compare(
    content: string,
    models: readonly ModelName[],
    options: Omit<StoreSendOptions, 'model'> = {},
  ): Promise<void> {
    return this.#run('compare', content, async (run) => {
      const text = requireText(content);
      const [first, ...others] = requireModels(models);
      const branchId = this.#requireActive();
      const before = this.#activePath().at(-1);
      const asides = this.#stoppable(run.signal);
      const sendAll = (question: Message | undefined) =>
        others.map((model) =>
          this.#sendAside(before, question, text, { ...options, model }, asides.controller),
        );
      try {
        const streamed = this.#stream(branchId, text, { ...options, model: first }, run);
        // After a message, the other branches start at once; a conversation's first question
        // is stored first, as the other branches are created from it.
        const outcomes = before
          ? await Promise.allSettled([streamed, ...sendAll(undefined)])
          : await Promise.allSettled([streamed]);
        const question = this.#activePath()[0];
        if (!before && outcomes[0]?.status === 'fulfilled' && !this.#state.live && question) {
          outcomes.push(...(await Promise.allSettled(sendAll(question))));
        }
        // The streamed reply's failure first (it says what happened to the text), then the
        // others' unless the user stopped them.
        const failure = outcomes.find(
          (outcome, index): outcome is PromiseRejectedResult =>
            outcome.status === 'rejected' && (index === 0 || !asides.controller.signal.aborted),
        );
        if (failure) throw failure.reason;
      } finally {
        asides.release();
      }
    });
  }

  /** Starts a branch at a message of the path (it inherits the history up to it) and shows it. */
  fork(messageId: string, options: StoreForkOptions = {}): Promise<void> {
    return this.#run('fork', undefined, async (run) => {
      const { index } = this.#find(messageId);
      await this.#forkAt(index, options, run.signal);
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
    const { content, ...send } = options;
    return this.#run('fork', content, async (run) => {
      const suggestions = this.#state.suggestions;
      if (!suggestions?.suggestions.includes(suggestion)) {
        throw invalidArgument('This suggestion is not one of the current suggestions');
      }
      const { index } = this.#find(suggestions.messageId);
      await this.#forkAt(index, { title: suggestion.title }, run.signal);
      if (content !== undefined) {
        await this.#stream(this.#requireActive(), requireText(content), send, run);
      }
    });
  }

  /** Shows another branch. A branch already read makes no request. */
  switchBranch(branchId: string): Promise<void> {
    const body = async (run: Run) => {
      if (!this.#graph.branch(branchId)) {
        throw invalidArgument(`Branch ${branchId} is not a branch of this conversation`);
      }
      this.#update({ activeBranchId: branchId });
      if (!this.#graph.isComplete(branchId)) {
        await this.#reread(branchId, run.signal);
        this.#update({});
      }
    };
    // Switching is allowed while a reply streams: the reply goes on into its own branch.
    if (!this.#state.pending) return this.#run('switch', undefined, body);
    return this.#attempt(body, { signal: this.#lifetime.signal, text: undefined }).then((outcome) =>
      this.#update(outcome),
    );
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
    return this.#run('checkpoint', undefined, async (run) => {
      const branchId = this.#requireActive();
      const anchor = this.#activePath().at(-1);
      if (!anchor) throw invalidArgument('The branch has no message to anchor a checkpoint on');
      const checkpoint = await this.#client.checkpoints.create(
        this.conversationId,
        branchId,
        anchor.id,
        { signal: run.signal },
      );
      const checkpoints = new Map(this.#state.checkpoints).set(branchId, checkpoint);
      this.#update({ checkpoints });
    });
  }

  /**
   * Asks AutoBranch where the last exchange (question and reply) could branch. When it finds
   * nothing, `snapshot.suggestions` holds an empty list, so a UI can say so.
   */
  suggestBranches(params: Omit<SuggestBranchesParams, 'text'> = {}): Promise<void> {
    return this.#run('suggest', undefined, async (run) => {
      const path = this.#activePath();
      const reply = path.at(-1);
      const question = path.at(-2);
      if (reply?.role !== 'assistant' || question?.role !== 'user') {
        throw invalidArgument('The branch does not end with a question and its reply');
      }
      const text = `${question.content}\n\n${reply.content}`;
      const { suggestions } = await this.#client.autobranch.suggestBranches(
        { ...params, text },
        { signal: run.signal },
      );
      this.#update({ suggestions: { messageId: reply.id, text, suggestions } });
    });
  }

  /** Clears `snapshot.error` and `snapshot.unsent`. */
  dismissError(): void {
    this.#update({ error: undefined, unsent: undefined });
  }

  /** Cancels every request in progress and drops the listeners; the store does nothing more. */
  dispose(): void {
    this.#lifetime.abort(new AbortError('The store was disposed'));
    this.#replies.cancel();
    this.#listeners.clear();
  }

  get #disposed(): boolean {
    return this.#lifetime.signal.aborted;
  }

  // ——— the gate: one action at a time ———

  async #run(
    action: StoreAction,
    text: string | undefined,
    body: (run: Run) => Promise<void>,
  ): Promise<void> {
    if (this.#disposed) return;
    const busy = this.#state.pending;
    if (busy) {
      this.#update({
        error: new ChatRoutesError(`Cannot ${action} while ${busy} is in progress`, {
          code: 'busy',
        }),
        ...(typeof text === 'string' && { unsent: text }),
      });
      return;
    }
    // A stopped reply shows until the next action: this one.
    this.#update({ pending: action, error: undefined, unsent: undefined, live: undefined });
    const run: Run = { signal: this.#lifetime.signal, text };
    const outcome = await this.#attempt(body, run);
    this.#replies.cancel();
    // The end of an action is one change: its outcome, the end of its reply, `pending`.
    this.#update({ ...outcome, pending: undefined });
  }

  /**
   * Runs an action's body; what its failure changes: `snapshot.error`, and in `unsent` the
   * user's text it did not store.
   */
  async #attempt(body: (run: Run) => Promise<void>, run: Run): Promise<Partial<ViewState>> {
    try {
      await body(run);
      return {};
    } catch (error) {
      if (this.#disposed) return {};
      return {
        error: asChatRoutesError(error),
        ...(typeof run.text === 'string' && { unsent: run.text }),
      };
    }
  }

  // ——— the one way state changes ———

  /** Changes the state and notifies the listeners, once. */
  #update(patch: Partial<ViewState>): void {
    if (this.#disposed) return;
    this.#stage(patch);
    this.#listeners.notify();
  }

  /**
   * Changes the state without notifying: the next `#update` publishes it with its own change
   * (a streamed chunk waits for its flush; stored messages wait for the end of the action).
   */
  #stage(patch: Partial<ViewState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#snapshot = undefined;
  }

  // ——— reading ———

  async #read(signal: AbortSignal): Promise<void> {
    const conversation = await this.#client.conversations.get(this.conversationId, { signal });
    const graph = ConversationGraph.read(conversation, this.#graph);
    // A server that does not embed the branches gets asked for them.
    if (!conversation.branches) {
      graph.putBranches(await this.#client.branches.list(this.conversationId, { signal }));
    }
    // A refresh keeps the branch shown unless it was deleted elsewhere: then the main one.
    const current = this.#state.activeBranchId;
    const active =
      current !== undefined
        ? graph.branch(current)
          ? current
          : graph.mainBranchId
        : (this.#options.branchId ?? graph.mainBranchId);
    if (!active || !graph.branch(active)) {
      throw invalidArgument(`Branch ${active ?? '(main)'} is not a branch of this conversation`);
    }
    if (!graph.isComplete(active)) {
      graph.readBranchHistory(
        active,
        await this.#client.branches.getMessages(this.conversationId, active, { signal }),
      );
    }
    this.#graph = graph;
    this.#update({ status: 'ready', activeBranchId: active });
  }

  /** Reads one branch's history from the server: after a failure, or if it was not embedded. */
  async #reread(branchId: string, signal: AbortSignal): Promise<void> {
    const history = await this.#client.branches.getMessages(this.conversationId, branchId, {
      signal,
    });
    this.#graph.readBranchHistory(branchId, history);
  }

  // ——— a send ———

  async #stream(
    branchId: string,
    content: string,
    options: StoreSendOptions,
    run: Run,
  ): Promise<void> {
    const stop = this.#stoppable(run.signal);
    const parent = this.#graph.pathNodes(branchId).at(-1)?.message.id ?? null;
    let live = startReply(this.conversationId, branchId, parent, content, {
      user: this.#localKey(),
      reply: this.#localKey(),
    });
    this.#update({ live });

    let result: StreamResult | undefined;
    try {
      const stream = this.#client.messages.stream(
        this.conversationId,
        this.#sendRequest(branchId, content, options),
        { signal: stop.controller.signal },
      );
      for await (const chunk of stream) {
        if (chunk.type === 'content') {
          live = { ...live, text: live.text + chunk.content };
          // The text is held at once; the snapshot shows it at the next flush.
          this.#stage({ live });
          this.#replies.request(() => this.#update({}));
        } else if (chunk.type === 'complete') {
          result = chunk;
        }
      }
    } catch (error) {
      this.#replies.cancel();
      if (run.signal.aborted) throw error;
      await this.#recover(live, error, run);
      return;
    } finally {
      stop.release();
    }
    this.#replies.cancel();
    if (result) await this.#storeExchange(live, result, run);
  }

  /**
   * The stored messages of a finished reply, put in place of the live ones in the change that
   * ends the action (keys kept). The `complete` chunk carries the assistant message; its
   * `parentMessageId` is the id the server gave the user message. Without that link the
   * branch is read again.
   */
  async #storeExchange(live: LiveReply, result: StreamResult, run: Run): Promise<void> {
    const reply = result.message;
    const userId = reply.parentMessageId;
    run.text = undefined;
    if (!userId || this.#graph.node(userId)) {
      await this.#reread(live.branchId, run.signal);
    } else {
      const user: Message = { ...live.user, id: userId };
      this.#keys.set(userId, live.userKey);
      this.#keys.set(reply.id, live.replyKey);
      this.#graph.append(live.branchId, user, reply);
    }
    // Published with the end of the action: the stored messages and the end of the reply are
    // one change.
    this.#stage({ live: undefined });
  }

  /**
   * After a stream failed or was stopped, the server's state is read again instead of
   * guessed: it may have kept the user message alone, or nothing at all. A stopped reply
   * stays on the path as written, `unsaved`.
   */
  async #recover(live: LiveReply, error: unknown, run: Run): Promise<void> {
    const stopped = error instanceof AbortError;
    if (stopped) this.#update({ live: { ...live, state: 'unsaved' } });
    const before = new Set(this.#graph.path(live.branchId));
    try {
      await this.#reread(live.branchId, run.signal);
    } catch (rereadError) {
      // The failure that matters to the user is the first one; a stop that cannot be
      // confirmed is reported as the read's failure.
      this.#stage({ live: undefined });
      throw stopped ? rereadError : error;
    }
    const kept = this.#graph
      .path(live.branchId)
      .some((m) => !before.has(m) && m.role === 'user' && m.content === live.user.content);
    if (kept) run.text = undefined;
    if (!stopped) {
      this.#stage({ live: undefined });
      throw error;
    }
    // A stop is what the user asked for, not an error; its text comes back all the same.
    this.#stage({
      live: { ...live, state: 'unsaved', questionStored: kept },
      ...(run.text !== undefined && { unsent: run.text }),
    });
  }

  // ——— branches ———

  async #branchBefore(
    index: number,
    message: Message,
    title: string,
    signal: AbortSignal,
  ): Promise<void> {
    this.#addBranch(
      await this.#versionBranch(this.#activePath()[index - 1], message, title, signal),
    );
  }

  /**
   * A new branch for another version of `message`: forked at the message `before` it, or,
   * for the first message of a conversation, which has none, created at it with it hidden
   * (see graph.ts).
   */
  #versionBranch(
    before: Message | undefined,
    message: Message | undefined,
    title: string,
    signal: AbortSignal,
  ): Promise<Branch> {
    if (before) {
      return this.#client.branches.fork(
        this.conversationId,
        { forkPointMessageId: before.id, title, ...this.#contextAt(before.id) },
        { signal },
      );
    }
    if (!message) throw invalidArgument('A version needs the message it replaces');
    return this.#client.branches.create(
      this.conversationId,
      {
        title,
        baseNodeId: message.id,
        contextMode: 'MINIMAL',
        description: replacementDescription(message.id),
      },
      { signal },
    );
  }

  /**
   * One of `compare`'s other models: its branch, then the question and the whole reply
   * (not streamed: the path shows the first model's). The branch joins the graph without
   * being shown, and is read again once the reply is stored or the send failed (the server
   * may hold the question alone): one request, and the graph holds what the server holds.
   */
  async #sendAside(
    before: Message | undefined,
    question: Message | undefined,
    content: string,
    options: StoreSendOptions,
    stop: AbortController,
  ): Promise<void> {
    const { signal } = stop;
    const branch = await this.#versionBranch(before, question, `Compare: ${options.model}`, signal);
    this.#graph.addBranch(branch);
    try {
      await this.#client.messages.send(
        this.conversationId,
        this.#sendRequest(branch.id, content, options),
        { signal },
      );
    } finally {
      // A failed read leaves the branch incomplete: showing it reads it again.
      await this.#reread(branch.id, this.#lifetime.signal).catch(() => {});
      this.#stage({});
    }
  }

  /** The body of a send: the content on a branch, the model and sampling options given. */
  #sendRequest(branchId: string, content: string, options: StoreSendOptions) {
    const model = options.model ?? this.#options.model;
    return {
      content,
      branchId,
      ...(model !== undefined && { model }),
      ...(options.temperature !== undefined && { temperature: options.temperature }),
      ...(options.maxTokens !== undefined && { maxTokens: options.maxTokens }),
    };
  }

  /**
   * A controller that `stop()` aborts, as does the end of the store; `release()` when the
   * requests it stops have ended.
   */
  #stoppable(signal: AbortSignal): { controller: AbortController; release(): void } {
    const controller = new AbortController();
    const abort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    this.#stopControllers.add(controller);
    return {
      controller,
      release: () => {
        signal.removeEventListener('abort', abort);
        this.#stopControllers.delete(controller);
      },
    };
  }

  async #forkAt(index: number, options: StoreForkOptions, signal: AbortSignal): Promise<void> {
    const path = this.#activePath();
    const message = path[index] as Message;
    let question = message;
    for (let at = index; at >= 0 && question.role !== 'user'; at--) question = path[at] as Message;
    const branch = await this.#client.branches.fork(
      this.conversationId,
      {
        forkPointMessageId: message.id,
        title: options.title ?? `Fork: ${excerpt(question.content)}`,
        ...this.#contextAt(message.id, options.contextMode),
      },
      { signal },
    );
    this.#addBranch(branch);
  }

  /**
   * The context mode of a branch forked at a message: where the server's history up to it
   * holds a message the user replaced, `MINIMAL`, so the model never reads it.
   */
  #contextAt(messageId: string, asked?: ContextMode): { contextMode?: ContextMode } {
    if (this.#graph.hidesHistoryUpTo(messageId)) return { contextMode: 'MINIMAL' };
    return asked ? { contextMode: asked } : {};
  }

  #addBranch(branch: Branch): void {
    this.#graph.addBranch(branch);
    this.#update({ activeBranchId: branch.id });
  }

  async #showVersion(key: string, side: 'previousBranchId' | 'nextBranchId'): Promise<void> {
    const entry = this.getSnapshot().path.find((candidate) => candidate.key === key);
    const branchId = entry?.alternatives?.[side];
    if (!branchId) {
      this.#update({
        error: invalidArgument(`No ${side === 'nextBranchId' ? 'next' : 'previous'} version`),
      });
      return;
    }
    await this.switchBranch(branchId);
  }

  #requireActive(): string {
    const active = this.#state.activeBranchId;
    if (!active) throw invalidArgument('The conversation is not open yet');
    return active;
  }

  #activePath(): readonly Message[] {
    const active = this.#state.activeBranchId;
    return active ? this.#graph.path(active) : [];
  }

  #find(messageId: string, role?: Message['role']): { message: Message; index: number } {
    const path = this.#activePath();
    const index = path.findIndex((m) => m.id === messageId);
    const message = path[index];
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
}

function requireText(content: string): string {
  if (typeof content !== 'string' || content.trim() === '') {
    throw invalidArgument('The message is empty: write something to send');
  }
  return content;
}

function requireModels(models: readonly ModelName[]): [ModelName, ...ModelName[]] {
  if (
    !Array.isArray(models) ||
    models.length === 0 ||
    !models.every((model) => typeof model === 'string' && model.trim() !== '')
  ) {
    throw invalidArgument('compare needs a list of one or more model names');
  }
  return models as [ModelName, ...ModelName[]];
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line;
}
