import { AbortError, ChatRoutesError } from '../core/errors.js';
import type { Page } from '../core/pagination.js';
import type { ChatRoutes, Conversation, CreateConversationRequest } from '../index.js';
import { asChatRoutesError, invalidArgument } from './errors.js';
import { Listeners } from './listeners.js';

/** What a conversation list is doing, named after the method that started it. */
export type ListAction = 'open' | 'more' | 'create' | 'rename' | 'remove';

/** The state of a `ConversationListStore`, as one immutable value. */
export interface ConversationListSnapshot {
  /** `loading` until the first page is read, `error` when that failed, then `ready`. */
  readonly status: 'loading' | 'ready' | 'error';
  /** The conversations read so far, in the server's order (newest first). */
  readonly conversations: readonly Conversation[];
  /** The server has more pages: `loadMore()` reads the next one. */
  readonly hasMore: boolean;
  /** The action in progress, if any. */
  readonly pending: ListAction | undefined;
  /** The error of the last action, until the next one starts. Always a `ChatRoutesError`. */
  readonly error: ChatRoutesError | undefined;
}

/** How a `ConversationListStore` reads. */
export interface ConversationListOptions {
  /** Conversations per page; the server's default when unset. */
  limit?: number;
}

/**
 * The conversations of a user, for a chat app's sidebar: pages read on demand, create,
 * rename, delete. Framework-free like `ConversationStore` (`subscribe` + `getSnapshot`), with
 * the same promises: actions never reject (failures land in `snapshot.error`), one runs at
 * a time, and a disposed list does nothing. Nothing is created by opening it, so a UI that
 * mounts twice (React's Strict Mode) never makes two conversations.
 */
export class ConversationListStore {
  readonly #client: ChatRoutes;
  readonly #options: ConversationListOptions;
  readonly #listeners = new Listeners();
  readonly #lifetime = new AbortController();
  #snapshot: ConversationListSnapshot = {
    status: 'loading',
    conversations: [],
    hasMore: false,
    pending: undefined,
    error: undefined,
  };
  #lastPage: Page<Conversation> | undefined;
  #opening: Promise<void> | undefined;

  constructor(client: ChatRoutes, options: ConversationListOptions = {}) {
    this.#client = client;
    this.#options = { ...options };
  }

  /** Calls `listener` after every change; returns the function that unsubscribes. */
  subscribe = (listener: () => void): (() => void) =>
    this.#lifetime.signal.aborted ? () => {} : this.#listeners.add(listener);

  /** The current state; the same object until something changes. */
  getSnapshot = (): ConversationListSnapshot => this.#snapshot;

  /** Reads the first page. Calling it again returns the same promise; `refresh()` reads again. */
  open(): Promise<void> {
    this.#opening ??= this.refresh();
    return this.#opening;
  }

  /** Reads the first page again, dropping what was read before. */
  refresh(): Promise<void> {
    return this.#run('open', async (signal) => {
      const page = await this.#client.conversations.list(this.#query(), { signal });
      this.#lastPage = page;
      this.#update({ status: 'ready', conversations: page.data, hasMore: page.hasNext });
    }).then(() => {
      if (this.#snapshot.status === 'loading') this.#update({ status: 'error' });
    });
  }

  /** Reads the next page and adds it (a conversation already listed is not listed twice). */
  loadMore(): Promise<void> {
    return this.#run('more', async (signal) => {
      const last = this.#lastPage;
      if (!last?.hasNext) throw invalidArgument('There is no next page');
      const page = await this.#client.conversations.list(
        { ...this.#query(), page: last.page + 1 },
        { signal },
      );
      this.#lastPage = page;
      const listed = new Set(this.#snapshot.conversations.map((c) => c.id));
      const added = page.data.filter((c) => !listed.has(c.id));
      this.#update({
        conversations: [...this.#snapshot.conversations, ...added],
        hasMore: page.hasNext,
      });
    });
  }

  /** Creates a conversation, lists it first and resolves with it (`undefined` if it failed). */
  async create(fields: CreateConversationRequest = {}): Promise<Conversation | undefined> {
    let created: Conversation | undefined;
    await this.#run('create', async (signal) => {
      created = await this.#client.conversations.create(fields, { signal });
      this.#update({ conversations: [created, ...this.#snapshot.conversations] });
    });
    return created;
  }

  /** Renames a conversation. */
  rename(conversationId: string, title: string): Promise<void> {
    return this.#run('rename', async (signal) => {
      if (typeof title !== 'string' || title.trim() === '') {
        throw invalidArgument('A conversation needs a title');
      }
      const renamed = await this.#client.conversations.update(
        conversationId,
        { title },
        { signal },
      );
      this.#update({
        conversations: this.#snapshot.conversations.map((c) =>
          c.id === conversationId ? renamed : c,
        ),
      });
    });
  }

  /** Deletes a conversation with its branches and messages, and unlists it. */
  remove(conversationId: string): Promise<void> {
    return this.#run('remove', async (signal) => {
      await this.#client.conversations.delete(conversationId, { signal });
      this.#update({
        conversations: this.#snapshot.conversations.filter((c) => c.id !== conversationId),
      });
    });
  }

  /** Clears `snapshot.error`. */
  dismissError(): void {
    this.#update({ error: undefined });
  }

  /** Cancels the request in progress and drops the listeners; the list does nothing more. */
  dispose(): void {
    this.#lifetime.abort(new AbortError('The conversation list was disposed'));
    this.#listeners.clear();
  }

  #query() {
    return this.#options.limit !== undefined ? { limit: this.#options.limit } : {};
  }

  async #run(action: ListAction, body: (signal: AbortSignal) => Promise<void>): Promise<void> {
    if (this.#lifetime.signal.aborted) return;
    const busy = this.#snapshot.pending;
    if (busy) {
      this.#update({
        error: new ChatRoutesError(`Cannot ${action} while ${busy} is in progress`, {
          code: 'busy',
        }),
      });
      return;
    }
    this.#update({ pending: action, error: undefined });
    try {
      await body(this.#lifetime.signal);
    } catch (error) {
      if (!this.#lifetime.signal.aborted) this.#update({ error: asChatRoutesError(error) });
    }
    this.#update({ pending: undefined });
  }

  #update(patch: Partial<ConversationListSnapshot>): void {
    if (this.#lifetime.signal.aborted) return;
    this.#snapshot = { ...this.#snapshot, ...patch };
    this.#listeners.notify();
  }
}
