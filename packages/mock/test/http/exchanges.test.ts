import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMockApp } from '../../src/index.js';
import { createMockServer, type MockServer } from '../../src/node.js';

/*
 * The stream/idempotency semantics: an exchange (prompt + reply) is committed atomically when
 * its `complete` chunk is written; one that ends before is rolled back and releases its key; a
 * retry of a committed key replays the stored stream; exchanges on one branch are serialised.
 */

const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const AUTH = { authorization: 'ApiKey k', 'content-type': 'application/json' };

interface StoredMessage {
  id: string;
  role: string;
  content: string;
  parentMessageId: string | null;
  metadata?: { context_message_count?: number };
}

async function conversationOnServer(streamDelayMs = 1) {
  const server = await createMockServer({ port: 0, streamDelayMs });
  servers.push(server);
  const created = await fetch(`${server.url}/conversations`, {
    method: 'POST',
    headers: AUTH,
    body: '{}',
  });
  const conversationId: string = (await created.json()).data.conversation.id;
  const messagesUrl = `${server.url}/conversations/${conversationId}/messages`;
  const post = (
    path: '' | '/stream',
    content: string,
    headers: Record<string, string> = {},
    signal?: AbortSignal,
  ) =>
    fetch(`${messagesUrl}${path}`, {
      method: 'POST',
      headers: { ...AUTH, ...headers },
      body: JSON.stringify({ content }),
      ...(signal && { signal }),
    });
  const stored = async (): Promise<StoredMessage[]> =>
    (await (await fetch(messagesUrl, { headers: AUTH })).json()).data.messages;
  return { server, post, stored };
}

const roles = (messages: StoredMessage[]) => messages.map((message) => message.role);

/** Retries a keyed request while the server still says its key is running (409). */
async function untilNotInUse(send: () => Promise<Response>): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await send();
    if (response.status !== 409 || attempt === 50) return response;
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Each message's parent is the one before it: one unbroken chain, user and reply alternating. */
function expectOneChain(messages: StoredMessage[]): void {
  messages.forEach((message, index) => {
    expect(message.role).toBe(index % 2 === 0 ? 'user' : 'assistant');
    expect(message.parentMessageId).toBe(index === 0 ? null : messages[index - 1]?.id);
  });
}

describe('a keyed stream that did not complete leaves no trace', () => {
  it('reset-after: the exchange ran to its end before the connection dropped; the retry replays it', async () => {
    const { post, stored } = await conversationOnServer();
    const headers = { 'idempotency-key': 'stream-reset', 'x-mock-fault': 'reset-after; count=1' };
    await expect(post('/stream', 'Tell me about rivers.', headers)).rejects.toThrow(TypeError);
    const retry = await post('/stream', 'Tell me about rivers.', headers);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const text = await retry.text();
    expect(text).toContain('"type":"complete"');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    const messages = await stored();
    expect(roles(messages)).toEqual(['user', 'assistant']);
    expect(text).toContain(JSON.stringify(messages[1]?.content));
  });

  it('cut-stream: nothing is stored, the key is released, the retry runs once', async () => {
    const { post, stored } = await conversationOnServer();
    const headers = { 'idempotency-key': 'stream-cut', 'x-mock-fault': 'cut-stream; count=1' };
    const cut = await (await post('/stream', 'Tell me about lakes.', headers)).text();
    expect(cut).not.toContain('"type":"complete"');
    expect(await stored()).toEqual([]);
    const retry = await untilNotInUse(() => post('/stream', 'Tell me about lakes.', headers));
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(await retry.text()).toContain('[DONE]');
    expect(roles(await stored())).toEqual(['user', 'assistant']);
  });

  it('a client that drops mid-stream: rolled back, and its retry with the same key runs once', async () => {
    const { post, stored } = await conversationOnServer(20);
    const headers = { 'idempotency-key': 'stream-dropped' };
    const controller = new AbortController();
    const first = await post('/stream', 'Tell me about the sea.', headers, controller.signal);
    const reader = (first.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toThrow();
    const retry = await untilNotInUse(() => post('/stream', 'Tell me about the sea.', headers));
    expect(retry.status).toBe(200);
    expect(await retry.text()).toContain('[DONE]');
    expect(roles(await stored())).toEqual(['user', 'assistant']);
  });

  it('500-after on a stream does not leave its key in progress nor a lone prompt', async () => {
    const { post, stored } = await conversationOnServer();
    const headers = { 'idempotency-key': 'stream-500', 'x-mock-fault': '500-after; count=1' };
    expect((await post('/stream', 'Tell me about hills.', headers)).status).toBe(500);
    const retry = await post('/stream', 'Tell me about hills.', headers);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.text()).toContain('[DONE]');
    expect(roles(await stored())).toEqual(['user', 'assistant']);
  });

  it('a stalled stream the client gave up on is rolled back and its key released', async () => {
    const { post, stored } = await conversationOnServer();
    const headers = { 'idempotency-key': 'stream-stall', 'x-mock-fault': 'stall; count=1' };
    const controller = new AbortController();
    const stalled = await post('/stream', 'Tell me about caves.', headers, controller.signal);
    const reader = (stalled.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toThrow();
    const retry = await untilNotInUse(() => post('/stream', 'Tell me about caves.', headers));
    expect(await retry.text()).toContain('[DONE]');
    expect(roles(await stored())).toEqual(['user', 'assistant']);
  });

  it('a 409 for a key still running says when to retry', async () => {
    const { post } = await conversationOnServer(20);
    const headers = { 'idempotency-key': 'stream-busy' };
    const first = await post('/stream', 'Take your time.', headers);
    const duplicate = await post('/stream', 'Take your time.', headers);
    expect(duplicate.status).toBe(409);
    expect(duplicate.headers.get('retry-after')).toBe('1');
    expect((await duplicate.json()).code).toBe('IDEMPOTENCY_KEY_IN_USE');
    await first.text();
  });
});

describe('exchanges on one branch are serialised', () => {
  it('two streams at once: u1 a1 u2 a2, one parent chain, and the second reply saw the first', async () => {
    const { post, stored } = await conversationOnServer(5);
    const [first, second] = await Promise.all([
      post('/stream', 'First question, about trains?'),
      post('/stream', 'Second question, about boats?'),
    ]);
    await Promise.all([first.text(), second.text()]);
    const messages = await stored();
    expect(messages).toHaveLength(4);
    expectOneChain(messages);
    // The second reply's context held the first exchange (2 messages) and its own prompt.
    expect(messages[3]?.metadata?.context_message_count).toBe(3);
  });

  it('a send during a stream waits for it, then answers from the history the stream left', async () => {
    const { post, stored } = await conversationOnServer(10);
    const stream = await post('/stream', 'A streamed question?');
    const send = post('', 'A sent question?');
    const [streamText, sent] = await Promise.all([stream.text(), send]);
    expect(streamText).toContain('[DONE]');
    expect(sent.status).toBe(200);
    const messages = await stored();
    expect(messages.map((message) => message.content.slice(0, 8))).toEqual([
      'A stream',
      expect.any(String),
      'A sent q',
      expect.any(String),
    ]);
    expectOneChain(messages);
  });

  it('a waiting request whose client leaves gives up its place; the rest still run', async () => {
    const { post, stored } = await conversationOnServer(20);
    const stream = await post('/stream', 'Hold the branch for a while.');
    const leaving = post('', 'I will not wait.', {}, AbortSignal.timeout(30));
    const staying = post('', 'I will wait.');
    await expect(leaving).rejects.toThrow();
    await stream.text();
    expect((await staying).status).toBe(200);
    const messages = await stored();
    expect(messages.map((message) => message.content).filter((c) => c.startsWith('I '))).toEqual([
      'I will wait.',
    ]);
    expectOneChain(messages);
  });
});

describe('closing the mock while exchanges wait for their branch', () => {
  it('answers the waiting send 503 and logs nothing', async () => {
    const mock = createMockApp({ streamDelayMs: 50 });
    const base = 'https://api.chatroutes.com/api/v1';
    const created = await mock.fetch(`${base}/conversations`, {
      method: 'POST',
      headers: AUTH,
      body: '{}',
    });
    const { id } = (await created.json()).data.conversation;
    const post = (path: string) =>
      mock.fetch(`${base}/conversations/${id}/messages${path}`, {
        method: 'POST',
        headers: AUTH,
        body: JSON.stringify({ content: 'Hold on.' }),
      });
    const errors = vi.spyOn(console, 'error');
    const stream = await post('/stream');
    const waiting = post('');
    await new Promise((resolve) => setTimeout(resolve, 30));
    mock.close();
    const answer = await waiting;
    expect(answer.status).toBe(503);
    expect((await answer.json()).code).toBe('SHUTTING_DOWN');
    await stream.text();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
