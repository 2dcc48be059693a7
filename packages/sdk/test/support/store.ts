import { createMockApp, type MockOptions, seedTwoExchanges } from '@chatroutes/mock';
import { afterEach } from 'vitest';
import { type Branch, ChatRoutes, type Conversation, type Message } from '../../src/index.js';
import {
  type ConversationSnapshot,
  ConversationStore,
  type ConversationStoreOptions,
} from '../../src/store/index.js';

/** A request the mock answered, as the store sent it. */
export interface Sent {
  method: string;
  path: string;
}

/** Changes a request on its way (e.g. adds a fault header), or the answer on its way back. */
export interface Rewrites {
  request?: (request: Request) => Request;
  response?: (request: Request, response: Response) => Promise<Response>;
}

/** A client on a fresh in-process mock, with the log of every request it sent. */
export function mockClient(options: MockOptions = {}, rewrites: Rewrites = {}) {
  const mock = createMockApp({ streamDelayMs: 0, ...options });
  const sent: Sent[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = rewrites.request?.(new Request(input, init)) ?? new Request(input, init);
    sent.push({ method: request.method, path: new URL(request.url).pathname.slice(7) });
    const response = await mock.fetch(request);
    return rewrites.response ? rewrites.response(request, response) : response;
  };
  const client = new ChatRoutes({ apiKey: 'test-key', fetch, retryAttempts: 0 });
  /** Seeds the conversation of two exchanges (see `@chatroutes/mock`); resolves with its id. */
  const twoExchanges = () => seedTwoExchanges(mock);
  return { client, sent, twoExchanges, close: () => mock.close() };
}

/** Resolves with the first snapshot that satisfies `predicate`. */
export function until(
  store: ConversationStore,
  predicate: (snapshot: ConversationSnapshot) => boolean,
): Promise<ConversationSnapshot> {
  return new Promise((resolve) => {
    const check = () => {
      const snapshot = store.getSnapshot();
      if (!predicate(snapshot)) return;
      unsubscribe();
      resolve(snapshot);
    };
    const unsubscribe = store.subscribe(check);
    check();
  });
}

/** The ids and roles of a path, to compare with what the server lists. */
export const ids = (snapshot: ConversationSnapshot) => snapshot.path.map((e) => e.message.id);
export const texts = (snapshot: ConversationSnapshot) =>
  snapshot.path.map((e) => `${e.message.role}: ${e.message.content}`);

/** The value, which the test expects to be there. */
export function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error('expected a value');
  return value;
}

/** A client whose server knows one conversation, exactly as given (for shapes no mock makes). */
export function fixedConversationClient(conversation: Conversation): ChatRoutes {
  const body = JSON.stringify({ success: true, data: { conversation } });
  const fetch: typeof globalThis.fetch = async () =>
    new Response(body, { headers: { 'content-type': 'application/json' } });
  return new ChatRoutes({ apiKey: 'test-key', fetch, retryAttempts: 0 });
}

/**
 * Registers, for the test file that calls it (at its top level), the cleanups to run after
 * each test; returns the function that adds some.
 */
export function cleanupAfterEach(): (...cleanups: Array<() => void>) => void {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  return (...more) => {
    cleanups.push(...more);
  };
}

/**
 * `setup(...)`: a client on a fresh mock (as `mockClient`), and `open(conversationId)`, which
 * opens a store on it (unthrottled unless told); `later` disposes of both.
 */
export function storeSetup(later: (...cleanups: Array<() => void>) => void) {
  return (...args: Parameters<typeof mockClient>) => {
    const mock = mockClient(...args);
    later(mock.close);
    const open = async (conversationId: string, options: ConversationStoreOptions = {}) => {
      const store = new ConversationStore(mock.client, conversationId, { throttle: 0, ...options });
      later(() => store.dispose());
      await store.open();
      return store;
    };
    return { ...mock, open };
  };
}

// Wire objects for shapes no mock makes (a server's cycle, 60 000 messages, a hand-drawn tree):
// conversation `c`, times one second apart.

/** The time `n` seconds after the conversation began. */
export const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();

export const branch = (id: string, fields: Partial<Branch> = {}): Branch => ({
  id,
  conversationId: 'c',
  title: id,
  isMain: id === 'main',
  isActive: true,
  createdAt: at(0),
  ...fields,
});

/** Message `id` of `branchId`, sent at `n`: a user's question with its id as text, unless told. */
export const message = (
  id: string,
  branchId: string,
  n: number,
  fields: Partial<Message> = {},
): Message => ({
  id,
  conversationId: 'c',
  branchId,
  role: 'user',
  content: id,
  createdAt: at(n),
  ...fields,
});

export const conversation = (branches: Branch[], messages: Message[]): Conversation => ({
  id: 'c',
  userId: 'u',
  title: 'T',
  createdAt: at(0),
  updatedAt: at(0),
  branches,
  messages,
});
