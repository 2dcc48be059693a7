import { RateLimitError, ServerError } from 'chatroutes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

const sends = (stack: Stack, from: number) =>
  stack.exchanges.slice(from).filter((e) => e.method === 'POST' && e.path.endsWith('/messages'));

describe('faults, end to end', () => {
  it('a send whose answer was lost is retried with its key and stored once', async () => {
    const { client } = stack;
    const conversation = await client.conversations.create({ title: 'Lost answer' });
    const before = stack.exchanges.length;
    // The mock stores the message, then fails the answer — once; the retry must not store it again.
    const reply = await client.messages.send(
      conversation.id,
      { content: 'Store me once.' },
      { headers: { 'x-mock-fault': '500-after; count=1' } },
    );
    const attempts = sends(stack, before);
    expect(attempts.map((a) => a.status)).toEqual([500, 200]);
    expect(attempts[0]?.idempotencyKey).toBe(attempts[1]?.idempotencyKey);

    const messages = await client.messages.list(conversation.id);
    expect(messages.filter((m) => m.content === 'Store me once.')).toHaveLength(1);
    expect(messages.filter((m) => m.role === 'assistant')).toHaveLength(1);
    expect(messages.at(-1)?.id).toBe(reply.message.id);
  });

  it('a rate limit is waited out and retried to success', async () => {
    const { client } = stack;
    const conversation = await client.conversations.create({ title: 'Rate limit' });
    const before = stack.exchanges.length;
    const started = Date.now();
    await client.messages.send(
      conversation.id,
      { content: 'Hello' },
      { headers: { 'x-mock-fault': '429; count=1; retry-after=1' } },
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(sends(stack, before).map((a) => a.status)).toEqual([429, 200]);
  });

  it('surfaces the failure once retries are spent', async () => {
    const { client } = stack;
    const conversation = await client.conversations.create({ title: 'Down' });
    const error = await client.messages
      .send(
        conversation.id,
        { content: 'Hello' },
        { retryAttempts: 1, headers: { 'x-mock-fault': '500' } },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(500);
    const limited = await client.messages
      .send(
        conversation.id,
        { content: 'Hello' },
        { retryAttempts: 0, headers: { 'x-mock-fault': '429' } },
      )
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfter).toBe(1);
    expect(stack.violations).toEqual([]);
  });
});
