import { StreamError } from 'chatroutes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ streamDelayMs: 2 });
});
afterAll(() => stack?.close());

describe('streams, end to end', () => {
  it('delivers the reply word by word and stores exactly the streamed text', async () => {
    const { client } = stack;
    const conversation = await client.conversations.create({ title: 'Streams' });
    const deltas: string[] = [];
    let completed = '';
    const result = await client.messages.stream(
      conversation.id,
      { content: 'Tell me about tides, in detail.' },
      {
        onChunk: (chunk) => {
          if (chunk.type === 'content') deltas.push(chunk.content);
        },
        onComplete: (message) => {
          completed = message.content;
        },
      },
    );
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join('')).toBe(result.message.content);
    expect(completed).toBe(result.message.content);
    const stored = (await client.messages.list(conversation.id)).at(-1);
    expect(stored?.id).toBe(result.message.id);
    expect(stored?.content).toBe(deltas.join(''));
  });

  it('a stream cut after its first chunks fails with the partial text, and is not retried', async () => {
    const { client, exchanges } = stack;
    const conversation = await client.conversations.create({ title: 'Cut' });
    const before = exchanges.length;
    const stream = client.messages.stream(
      conversation.id,
      { content: 'This reply will be cut.' },
      { headers: { 'x-mock-fault': 'cut-stream' } },
    );
    const received: string[] = [];
    const failure = await (async () => {
      for await (const text of stream.textStream) received.push(text);
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StreamError);
    expect((failure as StreamError).partialText).toBe(received.join(''));
    expect(received.length).toBeGreaterThan(0);
    expect(exchanges.slice(before).filter((e) => e.path.endsWith('/stream'))).toHaveLength(1);
  });
});
