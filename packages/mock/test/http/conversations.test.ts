import { describe, expect, it } from 'vitest';
import { setup } from '../helpers.js';

describe('conversations', () => {
  it('creates a conversation with its main branch and answers 201', async () => {
    const { call } = setup();
    const created = await call('createConversation', 'POST', '/conversations', {
      body: { title: 'Trip to Lisbon', model: 'claude-sonnet-4-5' },
    });
    expect(created.status).toBe(201);
    const { conversation } = created.body.data;
    expect(conversation).toMatchObject({ title: 'Trip to Lisbon', model: 'claude-sonnet-4-5' });
    expect(conversation.id).toMatch(/^conv_/);

    const fetched = await call('getConversation', 'GET', `/conversations/${conversation.id}`);
    expect(fetched.status).toBe(200);
    const { branches, messages } = fetched.body.data.conversation;
    expect(messages).toEqual([]);
    expect(branches).toHaveLength(1);
    expect(branches[0]).toMatchObject({ isMain: true, parentBranchId: null, contextMode: 'FULL' });
  });

  it('gives an untitled conversation a default title and the default model', async () => {
    const { createConversation } = setup();
    expect(await createConversation({})).toMatchObject({
      title: 'New Conversation',
      model: 'gpt-5',
    });
  });

  it('refuses a model outside ModelName with the service wording', async () => {
    const { call } = setup();
    const refused = await call('createConversation', 'POST', '/conversations', {
      body: { model: 'gpt-4' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ success: false, message: 'Unsupported model: gpt-4' });
  });

  it('lists pages unwrapped, most recently updated first, with filter', async () => {
    const { call, createConversation } = setup();
    for (const title of ['one', 'two', 'three']) await createConversation({ title });

    const first = await call('listConversations', 'GET', '/conversations?page=1&limit=2');
    expect(first.body).not.toHaveProperty('success');
    expect(first.body).toMatchObject({ total: 3, page: 1, limit: 2, hasNext: true });
    expect(first.body.conversations.map((c: { title: string }) => c.title)).toEqual([
      'three',
      'two',
    ]);
    const second = await call('listConversations', 'GET', '/conversations?page=2&limit=2');
    expect(second.body.conversations.map((c: { title: string }) => c.title)).toEqual(['one']);
    expect(second.body.hasNext).toBe(false);

    const shared = await call('listConversations', 'GET', '/conversations?filter=shared');
    expect(shared.body).toMatchObject({ conversations: [], total: 0, page: 1, limit: 20 });
    const owned = await call('listConversations', 'GET', '/conversations?filter=owned');
    expect(owned.body.total).toBe(3);
  });

  it('validates query parameters with the spec', async () => {
    const { call } = setup();
    for (const query of ['limit=0', 'limit=101', 'page=0', 'limit=ten', 'filter=mine']) {
      const refused = await call('listConversations', 'GET', `/conversations?${query}`);
      expect(refused.status, query).toBe(400);
      expect(refused.body.details.length, query).toBeGreaterThan(0);
    }
  });

  it('updates the title and bumps updatedAt', async () => {
    let clock = Date.parse('2025-01-01T00:00:00Z');
    const tick = () => {
      clock += 1000;
      return new Date(clock);
    };
    const { call, createConversation } = setup({ now: tick });
    const conversation = await createConversation();
    const updated = await call('updateConversation', 'PATCH', `/conversations/${conversation.id}`, {
      body: { title: 'Renamed' },
    });
    expect(updated.body.data.conversation.title).toBe('Renamed');
    expect(updated.body.data.conversation.updatedAt > conversation.updatedAt).toBe(true);
  });

  it('deletes softly: the conversation answers 404 and leaves the list', async () => {
    const { call, createConversation } = setup();
    const conversation = await createConversation();
    const removed = await call('deleteConversation', 'DELETE', `/conversations/${conversation.id}`);
    expect(removed.body).toEqual({ success: true });
    expect((await call('getConversation', 'GET', `/conversations/${conversation.id}`)).status).toBe(
      404,
    );
    expect((await call('listConversations', 'GET', '/conversations')).body.total).toBe(0);
  });

  it("hides one key's conversations from another key", async () => {
    const { call, createConversation } = setup();
    const conversation = await createConversation();
    const other = { authorization: 'ApiKey someone-else' };
    const hidden = await call('getConversation', 'GET', `/conversations/${conversation.id}`, {
      headers: other,
    });
    expect(hidden.status).toBe(404);
    expect(hidden.body).toMatchObject({ success: false, code: 'NOT_FOUND' });
    const list = await call('listConversations', 'GET', '/conversations', { headers: other });
    expect(list.body.total).toBe(0);
  });
});
