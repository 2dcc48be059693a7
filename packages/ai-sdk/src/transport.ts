import type { ChatRequestOptions, ChatTransport } from 'ai';
import type { ChatRoutes, ModelName } from 'chatroutes';
import {
  type Alternatives,
  ConversationStore,
  type PathEntry,
  type StoreSendOptions,
} from 'chatroutes/store';
import { pullStream } from './pull-stream.js';
import { type ChatRoutesUIMessageChunk, replyChunks } from './reply-chunks.js';
import { type ChatRoutesUIMessage, textOf, toUIMessages } from './ui-messages.js';

/** How a {@link ChatRoutesTransport} reaches ChatRoutes. */
export interface ChatRoutesTransportOptions {
  /**
   * The client. In a browser, a client of your relay (`chatroutes/server`), never one that
   * holds your API key.
   */
  client: ChatRoutes;
  /**
   * The model of every reply unless a request's `body` names one ({@link ChatRoutesRequestBody});
   * the conversation's by default.
   */
  model?: ModelName;
}

/**
 * What a request's `body` may hold: `chat.sendMessage({ text }, { body })` or
 * `chat.regenerate({ body })`.
 */
export interface ChatRoutesRequestBody extends StoreSendOptions {
  /**
   * Models to ask the same question at once (a send only): the first answers on the branch
   * shown, each other on a branch of its own, and the replies are the versions of one reply
   * (`ConversationStore.compare`).
   */
  compare?: readonly ModelName[];
}

/** What `sendMessages` receives from the chat. */
type SendMessagesRequest = Parameters<ChatTransport<ChatRoutesUIMessage>['sendMessages']>[0];

/**
 * A `ChatTransport` for the AI SDK's `useChat` (and its headless `Chat`) that keeps the
 * conversation on ChatRoutes, with its branches. The chat's `id` is the conversation's id.
 *
 * - `sendMessage({ text })` continues the branch the chat shows.
 * - `sendMessage({ text, messageId })` (an edit) and `regenerate()` make a new branch, as
 *   `ConversationStore`'s `edit` and `regenerate` do; the old branches stay as they were, one
 *   version away ({@link ChatRoutesTransport.showVersion}).
 * - A reply streams as `start`, `text-start`, a `text-delta` per chunk, `text-end` and
 *   `finish` (its `messageMetadata`: the stored reply's id and branch); a failure is an
 *   `error` chunk with its text. The client's retries stay on, and a retried send is stored
 *   once (every send carries an `Idempotency-Key`).
 * - With {@link ChatRoutesTransport.sync}, `chat.messages` is the branch's history (the
 *   server's ids) after each reply and after each change of version.
 * - A request's `body` ({@link ChatRoutesRequestBody}) may name the reply's model, or several
 *   models to compare: `chat.sendMessage({ text }, { body: { compare: ['gpt-5', 'claude-opus-4-1'] } })`.
 *
 * Each conversation lives in a `ConversationStore` ({@link ChatRoutesTransport.store}), so the
 * branching logic is the store's own.
 */
export class ChatRoutesTransport implements ChatTransport<ChatRoutesUIMessage> {
  readonly #client: ChatRoutes;
  readonly #model: ModelName | undefined;
  readonly #stores = new Map<string, ConversationStore>();
  readonly #shows = new Map<string, () => void>();
  // The reply in progress in each chat (its request): the chat's messages are the chat's to
  // write until it ends. A request ends only its own: the last one may end after the next began.
  readonly #replying = new Map<string, SendMessagesRequest>();
  // The last action each chat started, which may outlive a reply the chat stopped.
  readonly #running = new Map<string, Promise<void>>();

  constructor(options: ChatRoutesTransportOptions) {
    this.#client = options.client;
    this.#model = options.model;
  }

  /**
   * The `ConversationStore` of a chat's conversation, made and opened on first use and kept
   * as long as the transport: its snapshot has the branch tree, the versions, the errors.
   */
  store(chatId: string): ConversationStore {
    let store = this.#stores.get(chatId);
    if (!store) {
      // Every chunk is published at once: each one becomes one `text-delta`.
      store = new ConversationStore(this.#client, chatId, { model: this.#model, throttle: 0 });
      this.#stores.set(chatId, store);
    }
    void store.open();
    return store;
  }

  /**
   * Keeps a chat's messages equal to the branch its conversation shows: `setMessages` (from
   * `useChat`, or `(messages) => { chat.messages = messages }`) is called once the conversation
   * is read, after every reply (the server's ids replace the chat's) and when another version
   * is shown. Returns the function that stops it.
   */
  sync(chatId: string, setMessages: (messages: ChatRoutesUIMessage[]) => void): () => void {
    const store = this.store(chatId);
    let shown: readonly PathEntry[] | undefined;
    const show = () => {
      const snapshot = store.getSnapshot();
      if (snapshot.status !== 'ready' || snapshot.pending || this.#replying.has(chatId)) return;
      if (snapshot.path === shown) return;
      shown = snapshot.path;
      setMessages(toUIMessages(shown.map((entry) => entry.message)));
    };
    this.#shows.set(chatId, show);
    const unsubscribe = store.subscribe(show);
    show();
    return () => {
      unsubscribe();
      if (this.#shows.get(chatId) === show) this.#shows.delete(chatId);
    };
  }

  /** The versions at a message's position, when there are several: version `index + 1` of `count`. */
  versions(chatId: string, messageId: string): Alternatives | undefined {
    return this.#entry(chatId, messageId)?.alternatives;
  }

  /**
   * Shows the previous or next version at a message's position. The branches are read
   * already, so no request is made; with {@link ChatRoutesTransport.sync} the chat's messages
   * change to that branch's. While the chat's reply is in progress it does nothing: the reply
   * belongs to the branch shown.
   */
  showVersion(chatId: string, messageId: string, side: 'previous' | 'next'): Promise<void> {
    const entry = this.#entry(chatId, messageId);
    if (!entry || this.#replying.has(chatId)) return Promise.resolve();
    const store = this.store(chatId);
    return side === 'previous' ? store.showPrevious(entry.key) : store.showNext(entry.key);
  }

  /** Sends the chat's last message as a send, an edit or a regeneration (see the class). */
  async sendMessages(
    request: SendMessagesRequest,
  ): Promise<ReadableStream<ChatRoutesUIMessageChunk>> {
    // Until the reply is settled, the chat's messages are the chat's to write: even the first
    // reading of the conversation must not replace the message it is sending.
    this.#replying.set(request.chatId, request);
    const chunks = this.#reply(request);
    // A chat that stops stops reading, without always cancelling the stream: end it here.
    request.abortSignal?.addEventListener('abort', () => void chunks.return(undefined), {
      once: true,
    });
    return pullStream(chunks);
  }

  async *#reply(request: SendMessagesRequest): AsyncGenerator<ChatRoutesUIMessageChunk> {
    const { chatId, abortSignal } = request;
    const store = this.store(chatId);
    const stop = () => store.stop();
    try {
      // A reply the chat stopped may still be ending, and the store runs one action at a time.
      await this.#running.get(chatId);
      await store.open();
      // A conversation that could not be read is read again: the failure may have passed.
      if (store.getSnapshot().status === 'error') await store.refresh();
      // Still unread: the reply is the read's error.
      const action =
        store.getSnapshot().status === 'ready' ? this.#action(store, request) : async () => {};
      abortSignal?.addEventListener('abort', stop, { once: true });
      const start = () => {
        const running = action();
        this.#running.set(chatId, running);
        return running;
      };
      yield* replyChunks(store, start, () => {
        this.#settle(request);
        this.#shows.get(chatId)?.();
      });
    } finally {
      this.#settle(request);
      abortSignal?.removeEventListener('abort', stop);
    }
  }

  #settle(request: SendMessagesRequest): void {
    if (this.#replying.get(request.chatId) === request) this.#replying.delete(request.chatId);
  }

  /** Disposes every chat's store (cancelling what they have in progress) and forgets the chats. */
  dispose(): void {
    for (const store of this.#stores.values()) store.dispose();
    this.#stores.clear();
  }

  /**
   * Always `null`: ChatRoutes stores a reply whole or not at all, so there is no stream in
   * progress to rejoin. After a reload the stored messages are the history.
   */
  async reconnectToStream(): Promise<null> {
    return null;
  }

  #action(
    store: ConversationStore,
    { trigger, messageId, messages, body }: SendMessagesRequest & ChatRequestOptions,
  ): () => Promise<void> {
    const { compare, ...options } = (body ?? {}) as ChatRoutesRequestBody;
    const question = messages.at(-1);
    const text = question ? textOf(question) : '';
    if (trigger === 'submit-message') {
      if (messageId !== undefined) return () => store.edit(messageId, text, options);
      return compare
        ? () => store.compare(text, compare, options)
        : () => store.send(text, options);
    }
    // A regeneration: the chat dropped the reply and ends with its question.
    const path = store.getSnapshot().path;
    const index = path.findIndex((entry) => entry.message.id === question?.id);
    const reply = path[index + 1];
    if (index >= 0 && reply?.message.role === 'assistant') {
      return () => store.regenerate(reply.message.id, options);
    }
    // A question that got no reply: asked again on a new branch where the server kept it
    // (found by its id, or last on the branch after a failed send), else sent again.
    const asked = index >= 0 ? path[index] : path.at(-1);
    return asked?.message.role === 'user'
      ? () => store.edit(asked.message.id, text, options)
      : () => store.send(text, options);
  }

  #entry(chatId: string, messageId: string): PathEntry | undefined {
    return this.store(chatId)
      .getSnapshot()
      .path.find((entry) => entry.message.id === messageId);
  }
}
