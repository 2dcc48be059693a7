import { generateText, jsonSchema, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { createChatRoutes } from '../src/index.js';
import { relayedClient } from './relay-harness.js';

async function setting(options: Parameters<typeof relayedClient>[0] = {}) {
  const { client, sent } = relayedClient(options);
  const { id: conversationId } = await client.conversations.create({ title: 'Provider' });
  return { client, sent, conversationId, chatroutes: createChatRoutes({ client }) };
}

const weather = tool({
  description: 'The weather in a city',
  inputSchema: jsonSchema<{ city: string }>({
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  }),
});

describe('createChatRoutes, the provider', () => {
  it('streamText streams the reply as it arrives and gives the stored id', async () => {
    const { client, conversationId, chatroutes } = await setting();

    const result = streamText({
      model: chatroutes('gpt-5', { conversationId }),
      prompt: 'Plan a weekend in Lisbon',
    });
    const deltas: string[] = [];
    for await (const part of result.fullStream)
      if (part.type === 'text-delta') deltas.push(part.text);

    const [question, reply] = await client.messages.list(conversationId);
    expect(question).toMatchObject({ role: 'user', content: 'Plan a weekend in Lisbon' });
    expect(await result.text).toBe(reply?.content);
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(reply?.content);
    expect((await result.providerMetadata)?.chatroutes).toMatchObject({
      messageId: reply?.id,
      branchId: reply?.branchId,
      userMessageId: question?.id,
    });
    expect(await result.warnings).toEqual([]);
    expect(await result.finishReason).toBe('stop');
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
  });

  it('generateText sends the model, the branch and only the last user message', async () => {
    const { client, conversationId, chatroutes, sent } = await setting();
    await client.messages.send(conversationId, { content: 'Plan a weekend in Lisbon' });
    const [first] = await client.messages.list(conversationId);
    const branch = await client.branches.fork(conversationId, {
      forkPointMessageId: first?.id as string,
      title: 'Porto instead',
    });

    const result = await generateText({
      model: chatroutes('claude-opus-4-1', { conversationId, branchId: branch.id }),
      prompt: 'What about Porto?',
    });

    const history = await client.branches.getMessages(conversationId, branch.id);
    const reply = history.at(-1);
    expect(history.at(-2)).toMatchObject({ role: 'user', content: 'What about Porto?' });
    expect(result.text).toBe(reply?.content);
    expect(result.providerMetadata?.chatroutes?.messageId).toBe(reply?.id);
    expect(result.providerMetadata?.chatroutes?.branchId).toBe(branch.id);
    expect(result.response.id).toBe(reply?.id);
    expect(reply?.metadata?.model).toMatch(/claude/);
    expect(result.warnings).toEqual([]);
    // The main branch did not get the message.
    expect(await client.messages.list(conversationId)).toHaveLength(2);
    expect(sent.filter((request) => request.method === 'POST').at(-1)?.path).toMatch(/\/messages$/);
  });

  it('warns about tools, a system prompt and settings ChatRoutes does not take', async () => {
    const { conversationId, chatroutes } = await setting();

    const result = await generateText({
      model: chatroutes('gpt-5', { conversationId }),
      system: 'Answer like a pirate',
      tools: { weather },
      topP: 0.5,
      prompt: 'Plan a weekend in Lisbon',
    });

    expect(result.text.length).toBeGreaterThan(0);
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'tools' }),
      expect.objectContaining({ type: 'unsupported', feature: 'topP' }),
      expect.objectContaining({ type: 'unsupported', feature: 'system' }),
    ]);
  });

  it('warns when the prompt brings a history other than the branch', async () => {
    const { client, conversationId, chatroutes } = await setting();
    await client.messages.send(conversationId, { content: 'Plan a weekend in Lisbon' });
    const [question, reply] = await client.messages.list(conversationId);
    const model = chatroutes('gpt-5', { conversationId });

    const same = await generateText({
      model,
      messages: [
        { role: 'user', content: question?.content as string },
        { role: 'assistant', content: reply?.content as string },
        { role: 'user', content: 'Where should we eat?' },
      ],
    });
    expect(same.warnings).toEqual([]);

    const other = streamText({
      model,
      messages: [
        { role: 'user', content: 'Plan a weekend in Madrid' },
        { role: 'assistant', content: 'Sure.' },
        { role: 'user', content: 'And the museums?' },
      ],
    });
    await other.consumeStream();
    expect(await other.warnings).toEqual([
      expect.objectContaining({
        type: 'other',
        message: expect.stringContaining("history differs from the branch's"),
      }),
    ]);
    // Only the last user message was stored, after the branch's own history.
    const history = await client.messages.list(conversationId);
    expect(history.map((message) => message.content).slice(0, 3)).toEqual([
      question?.content,
      reply?.content,
      'Where should we eat?',
    ]);
    expect(history[4]?.content).toBe('And the museums?');
    expect(history).toHaveLength(6);
  });

  it('a stream that breaks off ends in an error part, and nothing is stored twice', async () => {
    const { client, conversationId, chatroutes } = await setting({
      fault: (request) => (request.url.endsWith('/messages/stream') ? 'cut-stream' : undefined),
    });
    const errors: unknown[] = [];
    const result = streamText({
      model: chatroutes('gpt-5', { conversationId }),
      prompt: 'Plan a weekend in Lisbon',
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    const types: string[] = [];
    for await (const part of result.fullStream) types.push(part.type);

    expect(types).toContain('error');
    expect(types.filter((type) => type === 'text-delta')).toHaveLength(3);
    expect(errors).toEqual([expect.objectContaining({ name: 'StreamError' })]);
    expect(await client.messages.list(conversationId)).toEqual([]);
  });

  it('a reply stored before the connection dropped is stored once', async () => {
    const { client, conversationId, chatroutes, sent } = await setting({
      fault: (request) =>
        request.url.endsWith('/messages/stream') ? 'reset-after; count=1' : undefined,
    });
    const result = streamText({
      model: chatroutes('gpt-5', { conversationId }),
      prompt: 'Plan a weekend in Lisbon',
    });
    const text = await result.text;

    const stored = await client.messages.list(conversationId);
    expect(stored.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(text).toBe(stored[1]?.content);
    expect(sent.filter((request) => request.path.endsWith('/messages/stream'))).toHaveLength(2);
  });
});
