import { contextInfo } from 'chatroutes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

describe('checkpoints, end to end', () => {
  it('a checkpoint is used by the next reply, extended by recreate, and dropped by delete', async () => {
    const { client } = stack;
    const conversation = await client.conversations.create({ title: 'Research' });
    for (const content of ['Why is the sky blue?', 'And why are sunsets red?']) {
      await client.messages.send(conversation.id, { content });
    }
    const checkpoint = await client.checkpoints.createAtLatest(conversation.id);
    const main = await client.branches.main(conversation.id);
    const messages = await client.messages.list(conversation.id);
    expect(checkpoint.branch_id).toBe(main.id);
    expect(checkpoint.anchor_message_id).toBe(messages.at(-1)?.id);
    expect(checkpoint.summary).toContain('sky');
    expect(await client.checkpoints.latest(conversation.id)).toEqual(checkpoint);

    const reply = await client.messages.send(conversation.id, { content: 'Summarise.' });
    const used = contextInfo(reply.message);
    expect(used.checkpointUsed).toBe(true);
    expect(used.contextMessageCount).toBe(1);

    const recreated = await client.checkpoints.recreate(checkpoint.id);
    expect(recreated.id).toBe(checkpoint.id);
    expect(recreated.anchor_message_id).toBe(reply.message.id);
    expect(recreated.summary).not.toBe(checkpoint.summary);
    expect(recreated.token_count).toBeGreaterThan(0);
    expect(Date.parse(recreated.created_at)).toBeGreaterThanOrEqual(
      Date.parse(checkpoint.created_at),
    );

    await client.checkpoints.delete(checkpoint.id);
    expect(await client.checkpoints.list(conversation.id)).toEqual([]);
    const without = await client.messages.send(conversation.id, { content: 'Again?' });
    expect(contextInfo(without.message).checkpointUsed).toBe(false);
    expect(stack.violations).toEqual([]);
  });

  it('the service checkpoints on its own every 50 messages', async () => {
    const { client } = stack;
    const conversation = await client.conversations.create({ title: 'Long' });
    for (let i = 0; i < 25; i++)
      await client.messages.send(conversation.id, { content: `Fact ${i}.` });
    const checkpoints = await client.checkpoints.list(conversation.id);
    expect(checkpoints).toHaveLength(1);
    const messages = await client.messages.list(conversation.id);
    expect(checkpoints[0]?.anchor_message_id).toBe(messages[49]?.id);
  });
});
