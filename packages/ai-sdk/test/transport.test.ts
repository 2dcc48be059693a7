import type { ChatRoutes, Message } from 'chatroutes';
import type { ConversationStore } from 'chatroutes/store';
import { describe, expect, it } from 'vitest';
import { Chat } from '../src/chat.js';
import {
  ChatRoutesTransport,
  type ChatRoutesUIMessage,
  type ChatRoutesUIMessageChunk,
  toUIMessages,
} from '../src/index.js';
import { relayedClient } from './relay-harness.js';

/** A chat of a new conversation, its messages kept equal to the branch shown. */
async function chatOn(client: ChatRoutes) {
  const conversation = await client.conversations.create({ title: 'Trip' });
  const transport = new ChatRoutesTransport({ client });
  const chat = new Chat<ChatRoutesUIMessage>({ id: conversation.id, transport });
  transport.sync(chat.id, (messages) => {
    chat.messages = messages;
  });
  return { chat, transport, store: transport.store(chat.id) };
}

/** What the chat should show: the store's path as `UIMessage`s. */
function shownPath(transport: ChatRoutesTransport, chatId: string): ChatRoutesUIMessage[] {
  return toUIMessages(
    transport
      .store(chatId)
      .getSnapshot()
      .path.map((entry) => entry.message),
  );
}

/** Resolves once a reply in progress shows its first text. */
function firstText(store: ConversationStore): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribe = store.subscribe(() => {
      const last = store.getSnapshot().path.at(-1);
      if (last?.status === 'streaming' && last.message.content) {
        unsubscribe();
        resolve();
      }
    });
  });
}

async function readAll<T>(stream: ReadableStream<T>): Promise<T[]> {
  const chunks: T[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    chunks.push(next.value);
  }
  return chunks;
}

/** The chunks of one send through the transport, as `useChat` would read them. */
function sendThrough(transport: ChatRoutesTransport, chatId: string, text: string) {
  return transport
    .sendMessages({
      chatId,
      trigger: 'submit-message',
      messageId: undefined,
      messages: [{ id: 'local-1', role: 'user', parts: [{ type: 'text', text }] }],
      abortSignal: undefined,
    })
    .then(readAll);
}

const types = (chunks: ChatRoutesUIMessageChunk[]) => chunks.map((chunk) => chunk.type);
const textOf = (message: Message | undefined) => message?.content;

describe('ChatRoutesTransport with a headless AI SDK Chat, through the relay', () => {
  it('ten edits of one message make eleven branches; chat.messages is the branch each time', async () => {
    const { client } = relayedClient();
    const { chat, transport, store } = await chatOn(client);

    await chat.sendMessage({ text: 'Plan a weekend in Lisbon' });
    await chat.sendMessage({ text: 'Where should we eat?' });
    expect(chat.status).toBe('ready');
    expect(chat.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    const main = store.getSnapshot().activeBranchId as string;
    expect(chat.messages).toEqual(toUIMessages(await client.branches.getMessages(chat.id, main)));

    for (let edit = 1; edit <= 10; edit++) {
      const question = chat.messages[2] as ChatRoutesUIMessage;
      await chat.sendMessage({
        text: `Where should we eat? (take ${edit})`,
        messageId: question.id,
      });
      expect(chat.status).toBe('ready');
      const branchId = store.getSnapshot().activeBranchId as string;
      const history = await client.branches.getMessages(chat.id, branchId);
      expect(chat.messages).toEqual(toUIMessages(history));
      expect(chat.messages).toEqual(shownPath(transport, chat.id));
      expect(textOf(history[2])).toBe(`Where should we eat? (take ${edit})`);
      expect(history[3]?.role).toBe('assistant');
      expect(transport.versions(chat.id, history[2]?.id as string)).toMatchObject({
        index: edit,
        count: edit + 1,
      });
    }

    const branches = await client.branches.list(chat.id);
    expect(branches).toHaveLength(11);
    // The old versions were left as they were: main still holds the first question.
    const mainHistory = await client.branches.getMessages(chat.id, main);
    expect(mainHistory.map((m) => m.content)[2]).toBe('Where should we eat?');
    expect(mainHistory).toHaveLength(4);
  });

  it('switches versions without a request, setting the messages of each branch', async () => {
    const { client, sent } = relayedClient();
    const { chat, transport, store } = await chatOn(client);
    await chat.sendMessage({ text: 'Plan a weekend in Lisbon' });
    for (let edit = 1; edit <= 3; edit++) {
      await chat.sendMessage({
        text: `Plan a weekend in Porto, take ${edit}`,
        messageId: chat.messages[0]?.id as string,
      });
    }
    // A new version of a first message is a branch that inherits the message it replaces (its
    // description names it): the server's history of such a branch starts with the messages
    // it replaced, which the path leaves out. Each version here is one exchange.
    const snapshot = store.getSnapshot();
    const replaced = new Set(
      snapshot.branches.map((branch) => /\(replaces ([^)]+)\)/.exec(branch.description ?? '')?.[1]),
    );
    const histories = new Map<string, Message[]>();
    for (const branch of snapshot.branches) {
      const history = await client.branches.getMessages(chat.id, branch.id);
      expect(history.slice(0, -2).every((message) => replaced.has(message.id))).toBe(true);
      histories.set(branch.id, history.slice(-2));
    }

    const before = sent.length;
    const seen: string[] = [];
    for (let step = 0; step < 3; step++) {
      await transport.showVersion(chat.id, chat.messages[0]?.id as string, 'previous');
      seen.push(chat.messages[0]?.parts[0]?.type === 'text' ? chat.messages[0].parts[0].text : '');
      const active = store.getSnapshot().activeBranchId as string;
      expect(chat.messages).toEqual(shownPath(transport, chat.id));
      expect(chat.messages).toEqual(toUIMessages(histories.get(active) ?? []));
    }
    await transport.showVersion(chat.id, chat.messages[0]?.id as string, 'next');
    expect(sent.length).toBe(before);
    expect(seen).toEqual([
      'Plan a weekend in Porto, take 2',
      'Plan a weekend in Porto, take 1',
      'Plan a weekend in Lisbon',
    ]);
    expect(transport.versions(chat.id, chat.messages[0]?.id as string)).toMatchObject({
      index: 1,
      count: 4,
    });
  });

  it('regenerate() asks again on a new branch and leaves the old reply as a version', async () => {
    const { client } = relayedClient();
    const { chat, transport } = await chatOn(client);
    await chat.sendMessage({ text: 'Plan a weekend in Lisbon' });
    const first = chat.messages[1] as ChatRoutesUIMessage;

    await chat.regenerate();

    expect(chat.status).toBe('ready');
    expect(chat.messages).toEqual(shownPath(transport, chat.id));
    expect(chat.messages[0]?.parts).toEqual([{ type: 'text', text: 'Plan a weekend in Lisbon' }]);
    expect(chat.messages[1]?.id).not.toBe(first.id);
    expect(transport.versions(chat.id, chat.messages[1]?.id as string)).toMatchObject({
      index: 1,
      count: 2,
    });
    expect(await client.branches.list(chat.id)).toHaveLength(2);
  });

  it('compares models: one question, each reply a version, switched without a request', async () => {
    const { client, sent } = relayedClient();
    const { chat, transport, store } = await chatOn(client);
    await chat.sendMessage({ text: 'Plan a weekend in Lisbon' });

    await chat.sendMessage(
      { text: 'Where should we eat?' },
      { body: { compare: ['gpt-5', 'claude-opus-4-1', 'claude-sonnet-4-5'] } },
    );

    expect(chat.error).toBeUndefined();
    expect(chat.status).toBe('ready');
    expect(chat.messages).toEqual(shownPath(transport, chat.id));
    const reply = chat.messages[3] as ChatRoutesUIMessage;
    expect(transport.versions(chat.id, reply.id)).toMatchObject({ index: 0, count: 3 });
    expect(await client.branches.list(chat.id)).toHaveLength(3);
    const models: string[] = [];
    const before = sent.length;
    for (let version = 0; version < 3; version++) {
      const shown = store.getSnapshot().path.at(-1)?.message;
      expect(chat.messages.at(-1)?.id).toBe(shown?.id);
      models.push(shown?.metadata?.model ?? '');
      await transport.showVersion(chat.id, chat.messages.at(-1)?.id as string, 'next');
    }
    expect(sent.length).toBe(before);
    // The first model's reply is shown; the others were asked at once, in no set order.
    expect(models[0]).toMatch(/^gpt-5/);
    expect(models.slice(1).sort()).toEqual([
      expect.stringMatching(/^claude-opus-4-1/),
      expect.stringMatching(/^claude-sonnet-4-5/),
    ]);
  });

  it('stop() ends the reply: nothing is stored, and the next send works', async () => {
    const { client } = relayedClient({ streamDelayMs: 20 });
    const { chat, transport, store } = await chatOn(client);

    const sending = chat.sendMessage({ text: 'Plan a weekend in Lisbon' });
    await firstText(store);
    await chat.stop();
    await sending;
    expect(chat.status).toBe('ready');
    expect(chat.error).toBeUndefined();

    // At once: the transport waits for the stopped reply to end (the store takes one action
    // at a time; it would refuse this one as busy).
    await chat.sendMessage({ text: 'Plan a weekend in Porto' });
    expect(chat.error).toBeUndefined();
    expect(chat.status).toBe('ready');
    const stored = await client.messages.list(chat.id);
    expect(stored.map((message) => message.content)).toEqual([
      'Plan a weekend in Porto',
      expect.any(String),
    ]);
    expect(chat.messages).toEqual(toUIMessages(stored));
    expect(chat.messages).toEqual(shownPath(transport, chat.id));
  });

  it('does not show another version while a reply is in progress', async () => {
    const { client } = relayedClient({ streamDelayMs: 5 });
    const { chat, transport, store } = await chatOn(client);
    await chat.sendMessage({ text: 'Plan a weekend in Lisbon' });
    await chat.sendMessage({
      text: 'Plan a weekend in Porto',
      messageId: chat.messages[0]?.id ?? '',
    });
    const porto = store.getSnapshot().activeBranchId;

    const sending = chat.sendMessage({ text: 'Where should we eat?' });
    await firstText(store);
    await transport.showVersion(chat.id, chat.messages[0]?.id ?? '', 'previous');
    await sending;

    expect(store.getSnapshot().activeBranchId).toBe(porto);
    const history = await client.branches.getMessages(chat.id, porto as string);
    expect(history.at(-2)?.content).toBe('Where should we eat?');
    expect(chat.messages).toEqual(shownPath(transport, chat.id));
    expect(chat.messages.at(-1)?.id).toBe(history.at(-1)?.id);
  });

  it('regenerate() after a send that stored nothing sends the question again', async () => {
    let cut = true;
    const { client } = relayedClient({
      fault: (request) =>
        cut && request.url.endsWith('/messages/stream') ? 'cut-stream' : undefined,
    });
    const { chat, transport } = await chatOn(client);
    await chat.sendMessage({ text: 'Plan a weekend in Lisbon' });
    expect(chat.status).toBe('error');

    cut = false;
    await chat.regenerate();

    expect(chat.error).toBeUndefined();
    expect(chat.status).toBe('ready');
    const stored = await client.messages.list(chat.id);
    expect(stored.map((message) => message.content)[0]).toBe('Plan a weekend in Lisbon');
    expect(stored).toHaveLength(2);
    expect(chat.messages).toEqual(shownPath(transport, chat.id));
    expect(await client.branches.list(chat.id)).toHaveLength(1);
  });

  it('regenerate() of a question the server kept without a reply asks it on a new branch', async () => {
    const { client, mock } = relayedClient();
    const { id } = await client.conversations.create({ title: 'Unanswered' });
    await client.messages.send(id, { content: 'Plan a weekend in Lisbon' });
    // A server that kept the question of a failed exchange, but not its reply.
    // The records are opaque JSON; the mock checks what is imported.
    const state = mock.exportState();
    const replies = new Set(
      state.messages.filter((message) => message.role === 'assistant').map(({ id }) => id),
    );
    mock.importState({
      ...state,
      messages: state.messages.filter((message) => !replies.has(message.id)),
      branches: state.branches.map((branch) => ({
        ...branch,
        messageIds: (branch.messageIds as string[]).filter((messageId) => !replies.has(messageId)),
      })),
    });
    const transport = new ChatRoutesTransport({ client });
    const chat = new Chat<ChatRoutesUIMessage>({ id, transport });
    transport.sync(id, (messages) => {
      chat.messages = messages;
    });
    await transport.store(id).open();
    const [question] = chat.messages;
    expect(chat.messages).toHaveLength(1);

    await chat.regenerate();

    expect(chat.status).toBe('ready');
    expect(chat.messages).toEqual(shownPath(transport, id));
    expect(chat.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(chat.messages[0]?.id).not.toBe(question?.id);
    expect(chat.messages[0]?.parts).toEqual(question?.parts);
    expect(await client.branches.list(id)).toHaveLength(2);
    // The main branch still holds the question alone.
    expect(await client.messages.list(id)).toHaveLength(1);
  });

  it('a chat whose conversation cannot be read gets the read’s error, and sends nothing', async () => {
    const { client, sent } = relayedClient();
    const transport = new ChatRoutesTransport({ client });
    const chat = new Chat<ChatRoutesUIMessage>({ id: 'conv_missing', transport });

    await chat.sendMessage({ text: 'Plan a weekend in Lisbon' });

    expect(chat.status).toBe('error');
    expect(chat.error?.message).toBe(transport.store(chat.id).getSnapshot().error?.message);
    expect(transport.store(chat.id).getSnapshot().error?.name).toBe('NotFoundError');
    expect(sent.filter((request) => request.method === 'POST')).toEqual([]);
  });

  it('dispose() stops every chat’s store where it is and forgets the chats', async () => {
    const { client } = relayedClient({ streamDelayMs: 20 });
    const { chat, transport, store } = await chatOn(client);
    const sending = chat.sendMessage({ text: 'Plan a weekend in Lisbon' });
    await firstText(store);

    transport.dispose();
    await chat.stop();
    await sending;

    expect(transport.store(chat.id)).not.toBe(store);
    // The disposed store took no more changes: its reply was left where it was cut.
    expect(store.getSnapshot().path.at(-1)?.status).toBe('streaming');
  });

  it('streams start, text-start, one text-delta per content chunk, text-end, finish', async () => {
    const { client } = relayedClient();
    const conversation = await client.conversations.create({ title: 'Chunks' });
    const transport = new ChatRoutesTransport({ client });
    transport.store(conversation.id);

    const chunks = await sendThrough(transport, conversation.id, 'Plan a weekend in Lisbon');

    // The same question in the same context gets the same reply, chunk for chunk.
    const twin = await client.conversations.create({ title: 'Twin' });
    const contents: string[] = [];
    for await (const chunk of client.messages.stream(twin.id, {
      content: 'Plan a weekend in Lisbon',
    })) {
      if (chunk.type === 'content') contents.push(chunk.content);
    }
    expect(contents.length).toBeGreaterThan(3);
    expect(types(chunks)).toEqual([
      'start',
      'text-start',
      ...contents.map(() => 'text-delta'),
      'text-end',
      'finish',
    ]);
    const deltas = chunks.flatMap((chunk) => (chunk.type === 'text-delta' ? [chunk.delta] : []));
    expect(deltas).toEqual(contents);
    const [question, reply] = await client.messages.list(conversation.id);
    expect(chunks.at(-1)).toEqual({
      type: 'finish',
      messageMetadata: {
        messageId: reply?.id,
        branchId: reply?.branchId,
        checkpointUsed: false,
        usage: { inputTokens: reply?.metadata?.prompt_tokens, outputTokens: reply?.tokenCount },
      },
    });
    expect(question?.content).toBe('Plan a weekend in Lisbon');
    expect(reply?.content).toBe(deltas.join(''));
  });

  it('a stream that breaks off is an error chunk with its text, after the text it had', async () => {
    const { client } = relayedClient({
      fault: (request) => (request.url.endsWith('/messages/stream') ? 'cut-stream' : undefined),
    });
    const conversation = await client.conversations.create({ title: 'Cut' });
    const transport = new ChatRoutesTransport({ client });

    const chunks = await sendThrough(transport, conversation.id, 'Plan a weekend in Lisbon');

    expect(types(chunks)).toEqual([
      'start',
      'text-start',
      'text-delta',
      'text-delta',
      'text-delta',
      'text-end',
      'error',
    ]);
    const error = transport.store(conversation.id).getSnapshot().error;
    expect(error?.name).toBe('StreamError');
    expect(chunks.at(-1)).toEqual({ type: 'error', errorText: error?.message });
    // Nothing was stored, and nothing was sent again.
    expect(await client.messages.list(conversation.id)).toEqual([]);
  });

  it('a failure the retries cannot overcome is an error chunk, and the chat shows the error', async () => {
    const { client, sent } = relayedClient({
      fault: (request) => (request.url.endsWith('/messages/stream') ? '500' : undefined),
    });
    const { chat, transport } = await chatOn(client);

    await chat.sendMessage({ text: 'Plan a weekend in Lisbon' });

    expect(chat.status).toBe('error');
    const error = transport.store(chat.id).getSnapshot().error;
    expect(error).toMatchObject({ name: 'ServerError', status: 500 });
    expect(chat.error?.message).toBe(error?.message);
    // The client's retries were on: the first attempt and three retries.
    expect(sent.filter((request) => request.path.endsWith('/messages/stream'))).toHaveLength(4);
    expect(await client.messages.list(chat.id)).toEqual([]);
  });

  it('a reply stored before the connection dropped is stored once', async () => {
    const { client, sent } = relayedClient({
      fault: (request) =>
        request.url.endsWith('/messages/stream') ? 'reset-after; count=1' : undefined,
    });
    const { chat, transport } = await chatOn(client);

    await chat.sendMessage({ text: 'Plan a weekend in Lisbon' });

    expect(chat.status).toBe('ready');
    expect(sent.filter((request) => request.path.endsWith('/messages/stream'))).toHaveLength(2);
    const stored = await client.messages.list(chat.id);
    expect(stored.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(chat.messages).toEqual(toUIMessages(stored));
    expect(chat.messages).toEqual(shownPath(transport, chat.id));
  });
});
