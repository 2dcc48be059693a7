import { contextInfo, renderTree } from 'chatroutes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

describe('the full tour, every exchange checked against the spec', () => {
  it('creates, sends, streams, forks, checkpoints, suggests and draws the tree', async () => {
    const { client } = stack;
    const conversation = await client.conversations.create({
      title: 'Tour',
      model: 'claude-sonnet-4-5',
    });
    expect(conversation.title).toBe('Tour');

    const first = await client.messages.send(conversation.id, {
      content: 'Plan a weekend in Lisbon.',
    });
    expect(first.message.role).toBe('assistant');
    expect(first.model).toBe('claude-sonnet-4-5-20250929');
    expect(first.usage.totalTokens).toBe(first.usage.promptTokens + first.usage.completionTokens);

    const stream = client.messages.stream(conversation.id, { content: 'Where should we eat?' });
    let streamedText = '';
    for await (const text of stream.textStream) streamedText += text;
    const streamed = await stream.finalMessage();
    expect(streamed.message.content).toBe(streamedText);

    const fork = await client.branches.fork(conversation.id, {
      forkPointMessageId: first.message.id,
      title: 'Rainy',
    });
    const onFork = await client.branches.sendMessage(conversation.id, fork.id, {
      content: 'And if it rains?',
    });
    expect(onFork.message.branchId).toBe(fork.id);

    const checkpoint = await client.checkpoints.createAtLatest(conversation.id);
    expect(checkpoint.token_count).toBeGreaterThan(0);
    const after = await client.messages.send(conversation.id, {
      content: 'Remind me of the plan.',
    });
    expect(contextInfo(after.message).checkpointUsed).toBe(true);

    const { suggestions, metadata } = await client.autobranch.suggestBranches({
      text: 'Train or car? And also, where to stay?',
    });
    expect(metadata.detectionMethod).toBe('pattern');
    expect(suggestions.length).toBeGreaterThan(0);

    const tree = await client.conversations.getTree(conversation.id);
    const picture = renderTree(tree);
    expect(picture).toContain('Main [main]');
    expect(picture).toContain('Rainy');

    const main = await client.branches.main(conversation.id);
    const mainMessages = await client.messages.list(conversation.id);
    expect(mainMessages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(mainMessages.every((message) => message.branchId === main.id)).toBe(true);

    const renamed = await client.conversations.update(conversation.id, { title: 'Tour, renamed' });
    expect(renamed.title).toBe('Tour, renamed');
    await client.conversations.delete(conversation.id);
    await expect(client.conversations.get(conversation.id)).rejects.toMatchObject({ status: 404 });

    expect(stack.violations).toEqual([]);
  });

  it('pages through every conversation with for await', async () => {
    const { client } = stack;
    const created = [];
    for (let i = 0; i < 5; i++)
      created.push(await client.conversations.create({ title: `Paged ${i}` }));
    const first = await client.conversations.list({ limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.hasNext).toBe(true);
    const seen: string[] = [];
    for await (const conversation of client.conversations.list({ limit: 2 }))
      seen.push(conversation.id);
    expect(seen).toEqual(expect.arrayContaining(created.map((c) => c.id)));
    expect(new Set(seen).size).toBe(seen.length);
    expect(stack.violations).toEqual([]);
  });

  it('sends one Idempotency-Key per POST, and none on other methods', () => {
    const posts = stack.exchanges.filter((exchange) => exchange.method === 'POST');
    expect(posts.length).toBeGreaterThan(5);
    expect(posts.every((exchange) => exchange.idempotencyKey)).toBe(true);
    expect(new Set(posts.map((exchange) => exchange.idempotencyKey)).size).toBe(posts.length);
    const others = stack.exchanges.filter((exchange) => exchange.method !== 'POST');
    expect(others.every((exchange) => exchange.idempotencyKey === null)).toBe(true);
  });
});
