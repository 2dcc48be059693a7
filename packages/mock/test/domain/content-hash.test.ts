import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/domain/content-hash.js';
import { setup } from '../helpers.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const base = {
  role: 'user' as const,
  parentMessageId: null,
  branchId: 'br_main01',
  createdAt: '2025-10-14T09:13:02.000Z',
};

// Digests printed by CPython 3 for hashlib.sha256(json.dumps(fields, separators=(',', ':'))
// .encode()).hexdigest(), the notebook's own code.
describe('contentHash', () => {
  it('hashes ASCII text with a null model and a null parent', () => {
    expect(contentHash({ ...base, content: 'Plan three days in Lisbon for me.' })).toBe(
      '999f8bbb74a67917d7c217b06b22180450fac608ba44aff8526b448de51191de',
    );
  });

  it("hashes a reply with its metadata's model, escaping non-ASCII as \\uXXXX", () => {
    const reply = {
      role: 'assistant' as const,
      content: 'Day 1: Alfama and the castle. Day 2: Belém. Day 3: Sintra.',
      parentMessageId: 'msg_1a2b3c4d',
      branchId: 'br_main01',
      createdAt: '2025-10-14T09:13:10.000Z',
    };
    const metadata = {
      model: 'gpt-5-2025-08-07',
      responseTime: 1840,
      finishReason: 'stop' as const,
      cost: 0.00031,
      checkpointUsed: false,
      contextTruncated: false,
      promptTokens: 8,
      contextMessageCount: 1,
    };
    expect(contentHash({ ...reply, metadata })).toBe(
      '22e3e711a5cac04957a1462de3feda8b945c4dec6d0b0049dffcdb064a7cb8bf',
    );
  });

  it('writes an emoji as its surrogate pair, and escapes quotes, controls and DEL', () => {
    const message = {
      ...base,
      content: 'Olá 👋 "quoted" \\ back\n\ttab\x7f\x01 日本',
      parentMessageId: 'msg_1',
      branchId: 'br_1',
    };
    expect(contentHash(message)).toBe(
      '2892c3eb7a9dbc132f6f95255ec6e8f768212ceee4744bb24ed26e780a4b4b7e',
    );
  });
});

describe('contentHash of stored messages', () => {
  /**
   * The notebook's verification cell in TypeScript, written independently of the mock's code:
   * JSON.stringify writes what json.dumps writes except characters from DEL up, which Python
   * escapes by default.
   */
  // biome-ignore lint/suspicious/noExplicitAny: a wire message as the notebook reads it.
  const notebookHash = (message: any) =>
    sha256(
      JSON.stringify({
        v: 1,
        role: message.role,
        content: message.content,
        model: message.model ?? null,
        parentMessageId: message.parentMessageId ?? null,
        branchId: message.branchId,
        createdAt: message.createdAt,
      }).replace(
        /[\u007f-\uffff]/g,
        (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
      ),
    );

  it("passes the notebook's verification of a conversation's first message", async () => {
    const { call, createConversation, send } = setup();
    const conversation = await createConversation();
    await send(conversation.id, { content: 'Explain quantum computing in simple terms.' });
    const got = await call('getConversation', 'GET', `/conversations/${conversation.id}`);
    const [first] = got.body.data.conversation.messages;

    expect(first.contentHash).toBe(notebookHash(first));
    expect(notebookHash({ ...first, content: `${first.content}X` })).not.toBe(first.contentHash);
  });

  it('covers the model of a reply, and follows an edit', async () => {
    const { call, createConversation, send, messages } = setup();
    const conversation = await createConversation();
    const { message: reply } = await send(conversation.id, { content: 'Plan three days.' });
    expect(reply.contentHash).toBe(notebookHash({ ...reply, model: reply.metadata.model }));
    expect(reply.contentHash).not.toBe(notebookHash(reply));

    const [prompt] = await messages(conversation.id);
    const edited = await call('updateMessage', 'PATCH', `/messages/${prompt.id}`, {
      body: { content: 'Plan four days.' },
    });
    const message = edited.body.data.message;
    expect(message.contentHash).toBe(notebookHash(message));
    expect(message.contentHash).not.toBe(prompt.contentHash);
  });
});
