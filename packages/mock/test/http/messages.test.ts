import { describe, expect, it } from 'vitest';
import { setup } from '../helpers.js';

describe('messages', () => {
  it('appends the user message and the assistant reply to the main branch', async () => {
    const { createConversation, send, messages } = setup();
    const conversation = await createConversation();
    const reply = await send(conversation.id, { content: 'Plan three days in Lisbon for me.' });

    expect(reply.model).toBe('gpt-5-2025-08-07');
    expect(reply.message).toMatchObject({ role: 'assistant', conversationId: conversation.id });
    expect(reply.message.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(reply.usage.totalTokens).toBe(reply.usage.promptTokens + reply.usage.completionTokens);
    expect(reply.usage.completionTokens).toBe(reply.message.tokenCount);
    expect(reply.message.metadata).toMatchObject({
      model: 'gpt-5-2025-08-07',
      finishReason: 'stop',
      checkpoint_used: false,
      context_truncated: false,
      context_message_count: 1,
      prompt_tokens: reply.usage.promptTokens,
    });

    const history = await messages(conversation.id);
    expect(history.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
    expect(history[0].content).toBe('Plan three days in Lisbon for me.');
    expect(history[1]).toEqual(reply.message);
    expect(history[1].parentMessageId).toBe(history[0].id);
    expect(history[0].branchId).toBe(history[1].branchId);
  });

  it('counts the whole earlier history into the next reply', async () => {
    const { createConversation, send } = setup();
    const conversation = await createConversation();
    const first = await send(conversation.id, { content: 'Tell me about Lisbon trams.' });
    const second = await send(conversation.id, { content: 'And the ferries?' });
    expect(second.message.metadata.context_message_count).toBe(3);
    expect(second.usage.promptTokens).toBeGreaterThan(first.usage.promptTokens);
  });

  it('reports the resolved id of the model asked for, and honours maxTokens', async () => {
    const { createConversation, send } = setup();
    const conversation = await createConversation();
    const reply = await send(conversation.id, {
      content: 'Write a long essay about the history of Lisbon.',
      model: 'claude-sonnet-4-5',
      maxTokens: 5,
      temperature: 0.2,
    });
    expect(reply.model).toBe('claude-sonnet-4-5-20250929');
    expect(reply.message.tokenCount).toBeLessThanOrEqual(5);
    expect(reply.message.metadata).toMatchObject({
      finishReason: 'length',
      maxTokens: 5,
      temperature: 0.2,
    });
  });

  it('answers deterministically: same prompt and context give the same reply, another prompt another', async () => {
    const replyIn = async (content: string, model?: string) => {
      const { createConversation, send } = setup();
      const conversation = await createConversation();
      return (await send(conversation.id, { content, ...(model && { model }) })).message.content;
    };
    const first = await replyIn('How do I bake sourdough bread?');
    expect(await replyIn('How do I bake sourdough bread?')).toBe(first);
    expect(await replyIn('How do I brew a good espresso?')).not.toBe(first);
    expect(await replyIn('How do I bake sourdough bread?', 'claude-opus-4-1')).not.toBe(first);
  });

  it('refuses an unsupported model with 400 and stores nothing', async () => {
    const { call, createConversation, messages } = setup();
    const conversation = await createConversation();
    const refused = await call(
      'sendMessage',
      'POST',
      `/conversations/${conversation.id}/messages`,
      {
        body: { content: 'hi', model: 'gpt-4o' },
      },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('Unsupported model: gpt-4o');
    expect(await messages(conversation.id)).toEqual([]);
  });

  it('validates the body with the spec', async () => {
    const { call, createConversation } = setup();
    const conversation = await createConversation();
    const path = `/conversations/${conversation.id}/messages`;
    for (const body of [
      {},
      { content: '' },
      { content: 'x', temperature: 3 },
      { content: 'x', maxTokens: '5' },
    ]) {
      const refused = await call('sendMessage', 'POST', path, { body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error).toBe('Validation failed');
    }
    const notJson = await call('sendMessage', 'POST', path, { rawBody: '{"content":' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.message).toBe('Request body is not valid JSON');
  });

  it('answers 404 for an unknown conversation or branch', async () => {
    const { call, createConversation } = setup();
    const missing = await call('sendMessage', 'POST', '/conversations/conv_nope/messages', {
      body: { content: 'hi' },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    const conversation = await createConversation();
    const badBranch = await call(
      'sendMessage',
      'POST',
      `/conversations/${conversation.id}/messages`,
      {
        body: { content: 'hi', branchId: 'br_nope' },
      },
    );
    // An id given in the body is a reference: its own code, and the field that named it.
    expect(badBranch.status).toBe(404);
    expect(badBranch.body).toMatchObject({
      code: 'REFERENCE_NOT_FOUND',
      message: 'Branch not found (branchId)',
      details: [{ field: 'branchId' }],
    });
  });

  it('edits a message (hash and token count follow) and deletes it softly', async () => {
    const { call, createConversation, send, messages } = setup();
    const conversation = await createConversation();
    await send(conversation.id, { content: 'Plan three days.' });
    const [prompt] = await messages(conversation.id);

    const edited = await call('updateMessage', 'PATCH', `/messages/${prompt.id}`, {
      body: { content: 'Plan four days in Lisbon, please.' },
    });
    expect(edited.body.data.message).toMatchObject({
      id: prompt.id,
      content: 'Plan four days in Lisbon, please.',
    });
    expect(edited.body.data.message.contentHash).not.toBe(prompt.contentHash);
    expect(edited.body.data.message.tokenCount).toBeGreaterThan(prompt.tokenCount);

    const removed = await call('deleteMessage', 'DELETE', `/messages/${prompt.id}`);
    expect(removed.body).toEqual({ success: true });
    expect((await messages(conversation.id)).map((m: { id: string }) => m.id)).not.toContain(
      prompt.id,
    );
    expect((await call('deleteMessage', 'DELETE', `/messages/${prompt.id}`)).status).toBe(404);
  });

  it('does not let another key touch a message', async () => {
    const { call, createConversation, send } = setup();
    const conversation = await createConversation();
    const { message } = await send(conversation.id, { content: 'hello' });
    const other = { authorization: 'ApiKey intruder' };
    const edit = await call('updateMessage', 'PATCH', `/messages/${message.id}`, {
      body: { content: 'hacked' },
      headers: other,
    });
    expect(edit.status).toBe(404);
  });
});

describe('the context window', () => {
  it('drops the oldest history to fit, and says so in the metadata', async () => {
    const { createConversation, send } = setup({ contextWindowTokens: 120 });
    const conversation = await createConversation();
    const first = await send(conversation.id, { content: 'Tell me about the history of Lisbon.' });
    expect(first.message.metadata.context_truncated).toBe(false);
    let last = first;
    for (let index = 0; index < 4; index++) {
      last = await send(conversation.id, {
        content: `And what happened in century ${index + 15}?`,
      });
    }
    expect(last.message.metadata.context_truncated).toBe(true);
    expect(last.message.metadata.prompt_tokens).toBeLessThanOrEqual(120);
    expect(last.message.metadata.context_message_count).toBeLessThan(9);
  });
});
