import { createMockApp } from '@chatroutes/mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatRoutes, contentHashOf, type Message, verifyContentHash } from '../../src/index.js';

const prompt: Message = {
  id: 'msg_1a2b3c4d',
  conversationId: 'conv_8f3a2c1d5e',
  branchId: 'br_main01',
  parentMessageId: null,
  role: 'user',
  content: 'Plan three days in Lisbon for me.',
  contentHash: '999f8bbb74a67917d7c217b06b22180450fac608ba44aff8526b448de51191de',
  createdAt: '2025-10-14T09:13:02.000Z',
};

const reply: Message = {
  id: 'msg_5e6f7a8b',
  conversationId: 'conv_8f3a2c1d5e',
  branchId: 'br_main01',
  parentMessageId: 'msg_1a2b3c4d',
  role: 'assistant',
  content: 'Day 1: Alfama and the castle. Day 2: Belém. Day 3: Sintra.',
  contentHash: '22e3e711a5cac04957a1462de3feda8b945c4dec6d0b0049dffcdb064a7cb8bf',
  createdAt: '2025-10-14T09:13:10.000Z',
  metadata: { model: 'gpt-5-2025-08-07', temperature: 0.7 },
};

// The digests are CPython's hashlib.sha256(json.dumps(fields, separators=(',', ':')).encode()),
// the notebook's own code; the first two are the examples of Message in the spec.
describe('contentHashOf', () => {
  it('hashes ASCII text with a null model and a null parent', async () => {
    expect(await contentHashOf(prompt)).toBe(prompt.contentHash);
  });

  it("hashes a reply with its metadata's model, non-ASCII escaped as \\uXXXX", async () => {
    expect(await contentHashOf(reply)).toBe(reply.contentHash);
  });

  it('writes an emoji as its surrogate pair, and escapes quotes, controls and DEL', async () => {
    const message = {
      ...prompt,
      content: 'Olá 👋 "quoted" \\ back\n\ttab\x7f\x01 日本',
      parentMessageId: 'msg_1',
      branchId: 'br_1',
    };
    expect(await contentHashOf(message)).toBe(
      '2892c3eb7a9dbc132f6f95255ec6e8f768212ceee4744bb24ed26e780a4b4b7e',
    );
  });

  it('hashes an absent parent as null', async () => {
    const { parentMessageId: _, ...withoutParent } = prompt;
    expect(await contentHashOf(withoutParent)).toBe(prompt.contentHash);
  });
});

describe('verifyContentHash', () => {
  it('accepts an untouched message and refuses any changed field', async () => {
    expect(await verifyContentHash(prompt)).toBe(true);
    expect(await verifyContentHash(reply)).toBe(true);
    expect(await verifyContentHash({ ...prompt, content: `${prompt.content}X` })).toBe(false);
    expect(await verifyContentHash({ ...prompt, role: 'assistant' })).toBe(false);
    expect(await verifyContentHash({ ...prompt, createdAt: '2025-10-14T09:13:03.000Z' })).toBe(
      false,
    );
    expect(await verifyContentHash({ ...reply, metadata: { model: 'claude-opus-4-1' } })).toBe(
      false,
    );
  });

  it('answers false for a message without a contentHash', async () => {
    const { contentHash: _, ...unhashed } = prompt;
    expect(await verifyContentHash(unhashed)).toBe(false);
  });
});

describe('verifyContentHash against the mock', () => {
  const mock = createMockApp({ streamDelayMs: 0 });
  afterEach(() => mock.close());
  const client = new ChatRoutes({
    apiKey: 'test-key',
    fetch: (input, init) => mock.fetch(new Request(input, init)),
    retryAttempts: 0,
  });

  it('verifies every message the mock stored, in any script, on a branch, after an edit', async () => {
    const conversation = await client.conversations.create({ title: 'Hashes' });
    await client.messages.send(conversation.id, { content: 'Olá! Plan a trip to 東京 🗼' });
    const [first] = await client.messages.list(conversation.id);
    if (!first) throw new Error('the mock stored no message');
    const fork = await client.branches.fork(conversation.id, {
      forkPointMessageId: first.id,
      title: 'Cheaper',
    });
    await client.messages.send(conversation.id, {
      content: '"Cheaper", please',
      branchId: fork.id,
    });
    await client.messages.update(first.id, { content: 'Plan a trip to Kyōto' });

    const stored = [
      ...(await client.messages.list(conversation.id)),
      ...(await client.messages.list(conversation.id, { branchId: fork.id })),
    ];
    expect(stored.length).toBeGreaterThanOrEqual(4);
    for (const message of stored) expect(await verifyContentHash(message), message.id).toBe(true);
  });
});
