import type { GuardedProcess } from '@chatroutes/openapi';
import {
  ChatRoutes,
  ChatRoutesError,
  ConflictError,
  type Message,
  NetworkError,
  RateLimitError,
  ServerError,
  StreamError,
} from 'chatroutes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSoakMock } from './support/soak-mock.js';

/*
 * Soak: several hundred sends and streams at once, through the SDK, against the mock's own
 * server process on loopback, with a fifth of all requests failing at random with every kind
 * of fault. Afterwards each conversation must hold exactly one exchange per logical call, in
 * one unbroken parent chain, and no Idempotency-Key may be left in progress.
 *
 * It talks to the mock directly, not through Prism: the faults break the contract on purpose
 * (HTML 502s, bodies cut in half), which the validating proxy would rightly report.
 */

const CONVERSATIONS = 50;
const SENDS_PER_CONVERSATION = 3;
const STREAMS_PER_CONVERSATION = 3;
/** A logical call is the user's: retried with its one key until it succeeds. */
const MAX_LOGICAL_ATTEMPTS = 25;

let server: GuardedProcess;
let baseUrl: string;
const statuses: number[] = [];

beforeAll(async () => {
  ({ url: baseUrl, process: server } = await startSoakMock());
});

afterAll(async () => {
  // Only the process this file started, by its own handle.
  await server?.stop();
});

function client(): ChatRoutes {
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    statuses.push(response.status);
    return response;
  };
  return new ChatRoutes({
    apiKey: 'cr_test_soak',
    baseUrl,
    retryAttempts: 6,
    retryDelay: 10,
    // Short, so that a stalled attempt is given up (and retried) quickly.
    timeout: 1_500,
    fetch: recordingFetch,
  });
}

/** What a careful caller retries itself once the SDK has given up: everything transient. */
function isTransient(error: unknown): boolean {
  return (
    error instanceof StreamError ||
    error instanceof NetworkError ||
    error instanceof ServerError ||
    error instanceof ConflictError ||
    error instanceof RateLimitError ||
    // A 2xx whose body was cut in half (the `cut-stream` fault on a JSON answer).
    (error instanceof ChatRoutesError && error.code === 'invalid_response')
  );
}

async function logically<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isTransient(error) || attempt === MAX_LOGICAL_ATTEMPTS) throw error;
    }
  }
}

interface LogicalCall {
  kind: 'send' | 'stream';
  conversationId: string;
  content: string;
  idempotencyKey: string;
}

function run(sdk: ChatRoutes, call: LogicalCall): Promise<Message> {
  const { conversationId, content, idempotencyKey } = call;
  return logically(async () => {
    if (call.kind === 'send') {
      return (await sdk.messages.send(conversationId, { content }, { idempotencyKey })).message;
    }
    const stream = sdk.messages.stream(
      conversationId,
      { content },
      { idempotencyKey, idleTimeout: 1_000, retryDelay: 10 },
    );
    return (await stream).message;
  });
}

describe('soak: hundreds of sends and streams under random faults of every kind', () => {
  it('stores exactly one exchange per logical call, in one parent chain, and leaves no key running', async () => {
    const sdk = client();
    const conversations = await Promise.all(
      Array.from({ length: CONVERSATIONS }, (_, index) => {
        const idempotencyKey = crypto.randomUUID();
        return logically(() =>
          sdk.conversations.create({ title: `Soak ${index}` }, { idempotencyKey }),
        );
      }),
    );
    expect(new Set(conversations.map((conversation) => conversation.id)).size).toBe(CONVERSATIONS);

    const calls: LogicalCall[] = conversations.flatMap((conversation, index) =>
      [
        ...Array.from({ length: SENDS_PER_CONVERSATION }, () => 'send' as const),
        ...Array.from({ length: STREAMS_PER_CONVERSATION }, () => 'stream' as const),
      ].map((kind, call) => ({
        kind,
        conversationId: conversation.id,
        content: `Conversation ${index}, call ${call} (${kind}): what next?`,
        idempotencyKey: crypto.randomUUID(),
      })),
    );
    // All at once: the calls of one conversation race for its main branch.
    const replies = await Promise.all(calls.map((call) => run(sdk, call)));

    const faultStatuses = statuses.filter((status) => status >= 400);
    expect(faultStatuses.length).toBeGreaterThan(calls.length / 10);

    for (const conversation of conversations) {
      const messages = await logically(() => sdk.messages.list(conversation.id));
      const own = calls.filter((call) => call.conversationId === conversation.id);
      expect(messages).toHaveLength(2 * own.length);
      messages.forEach((message, index) => {
        expect(message.role).toBe(index % 2 === 0 ? 'user' : 'assistant');
        expect(message.parentMessageId ?? null).toBe(index === 0 ? null : messages[index - 1]?.id);
      });
      for (const call of own) {
        const prompt = messages.findIndex((message) => message.content === call.content);
        expect(prompt, call.content).toBeGreaterThanOrEqual(0);
        expect(messages.filter((message) => message.content === call.content)).toHaveLength(1);
        expect(messages[prompt + 1]?.id).toBe(replies[calls.indexOf(call)]?.id);
      }
    }

    // No key left in progress: every logical call, sent again with its key, is answered
    // with its stored reply (a running key would answer 409) and stores nothing new.
    const before = statuses.length;
    const again = await Promise.all(calls.map((call) => run(sdk, call)));
    expect(again.map((message) => message.id)).toEqual(replies.map((message) => message.id));
    expect(statuses.slice(before).filter((status) => status === 409)).toEqual([]);
    for (const conversation of conversations) {
      const messages = await logically(() => sdk.messages.list(conversation.id));
      expect(messages).toHaveLength(2 * (SENDS_PER_CONVERSATION + STREAMS_PER_CONVERSATION));
    }
    // About 40 s alone; the margin is for a machine busy with every other suite at once.
  }, 180_000);
});
