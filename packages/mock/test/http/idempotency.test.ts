import { describe, expect, it } from 'vitest';
import { setup } from '../helpers.js';

describe('Idempotency-Key', () => {
  it('replays the first answer to a retry and creates nothing new', async () => {
    const { call, createConversation, messages } = setup();
    const conversation = await createConversation();
    const path = `/conversations/${conversation.id}/messages`;
    const request = {
      body: { content: 'Book a table for two.' },
      headers: { 'idempotency-key': 'send-1' },
    };

    const first = await call('sendMessage', 'POST', path, request);
    const retry = await call('sendMessage', 'POST', path, request);
    expect(retry.status).toBe(first.status);
    expect(retry.text).toBe(first.text);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await messages(conversation.id)).toHaveLength(2);
  });

  it('replays creations too: one conversation for two POSTs with the same key', async () => {
    const { call } = setup();
    const request = { body: { title: 'Once' }, headers: { 'idempotency-key': 'create-1' } };
    const first = await call('createConversation', 'POST', '/conversations', request);
    const retry = await call('createConversation', 'POST', '/conversations', request);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect((await call('listConversations', 'GET', '/conversations')).body.total).toBe(1);
  });

  it('refuses the same key with a different body (422) and runs nothing', async () => {
    const { call, createConversation, messages } = setup();
    const conversation = await createConversation();
    const path = `/conversations/${conversation.id}/messages`;
    const headers = { 'idempotency-key': 'send-2' };
    await call('sendMessage', 'POST', path, { body: { content: 'first' }, headers });
    const reused = await call('sendMessage', 'POST', path, {
      body: { content: 'second' },
      headers,
    });
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ success: false, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await messages(conversation.id)).toHaveLength(2);
  });

  it('scopes keys per API key', async () => {
    const { call } = setup();
    const request = (key: string) => ({
      body: { title: 'Mine' },
      headers: { 'idempotency-key': 'shared-key', authorization: `ApiKey ${key}` },
    });
    await call('createConversation', 'POST', '/conversations', request('alice'));
    const bob = await call('createConversation', 'POST', '/conversations', request('bob'));
    expect(bob.headers.get('idempotent-replayed')).toBeNull();
    const bobs = await call('listConversations', 'GET', '/conversations', {
      headers: { authorization: 'ApiKey bob' },
    });
    expect(bobs.body.total).toBe(1);
  });

  it('answers a retry after a connection reset with the stored reply: exactly one exchange stored', async () => {
    const { mock, createConversation, messages } = setup();
    const conversation = await createConversation();
    const send = () =>
      mock.fetch(`https://api.chatroutes.com/api/v1/conversations/${conversation.id}/messages`, {
        method: 'POST',
        headers: {
          authorization: 'ApiKey test-key',
          'content-type': 'application/json',
          'idempotency-key': 'send-after-reset',
          'x-mock-fault': 'reset-after; count=1',
        },
        body: JSON.stringify({ content: 'Is this stored once?' }),
      });

    await expect(send()).rejects.toThrow(TypeError);
    const retry = await send();
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const stored = await messages(conversation.id);
    expect(stored.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
    expect((await retry.json()).data.message.id).toBe(stored[1].id);
  });

  it('does not keep failed answers: a retry after a 500 runs afresh', async () => {
    const { call, createConversation, messages } = setup();
    const conversation = await createConversation();
    const path = `/conversations/${conversation.id}/messages`;
    const headers = { 'idempotency-key': 'send-500', 'x-mock-fault': '500; count=1' };
    const failed = await call('sendMessage', 'POST', path, {
      body: { content: 'retry me' },
      headers,
    });
    expect(failed.status).toBe(500);
    const retry = await call('sendMessage', 'POST', path, {
      body: { content: 'retry me' },
      headers,
    });
    expect(retry.status).toBe(200);
    expect(await messages(conversation.id)).toHaveLength(2);
  });

  it('replays a whole stream byte for byte', async () => {
    const { call, createConversation, messages } = setup();
    const conversation = await createConversation();
    const path = `/conversations/${conversation.id}/messages/stream`;
    const request = {
      body: { content: 'Stream this once.' },
      headers: { 'idempotency-key': 'stream-1' },
    };
    const first = await call('streamMessage', 'POST', path, request);
    const retry = await call('streamMessage', 'POST', path, request);
    expect(retry.text).toBe(first.text);
    expect(retry.headers.get('content-type')).toContain('text/event-stream');
    expect(await messages(conversation.id)).toHaveLength(2);
  });

  it('refuses an over-long key', async () => {
    const { call } = setup();
    const refused = await call('createConversation', 'POST', '/conversations', {
      body: {},
      headers: { 'idempotency-key': 'k'.repeat(256) },
    });
    expect(refused.status).toBe(400);
  });
});

describe('Idempotency-Key while the first request still runs', () => {
  it('answers 409 to a duplicate arriving before the first stream has finished', async () => {
    const { mock, call, createConversation } = setup();
    const conversation = await createConversation();
    const path = `/conversations/${conversation.id}/messages/stream`;
    const init = {
      method: 'POST',
      headers: {
        authorization: 'ApiKey test-key',
        'content-type': 'application/json',
        'idempotency-key': 'slow-stream',
      },
      body: JSON.stringify({ content: 'Take your time.' }),
    };
    const first = await mock.fetch(`https://api.chatroutes.com/api/v1${path}`, init);
    const duplicate = await call('streamMessage', 'POST', path, {
      body: { content: 'Take your time.' },
      headers: { 'idempotency-key': 'slow-stream' },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('IDEMPOTENCY_KEY_IN_USE');

    const firstText = await first.text();
    const replay = await call('streamMessage', 'POST', path, {
      body: { content: 'Take your time.' },
      headers: { 'idempotency-key': 'slow-stream' },
    });
    expect(replay.text).toBe(firstText);
  });
});
