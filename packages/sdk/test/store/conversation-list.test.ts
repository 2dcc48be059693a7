import { describe, expect, it } from 'vitest';
import { ConversationListStore } from '../../src/store/index.js';
import { cleanupAfterEach, mockClient } from '../support/store.js';

const later = cleanupAfterEach();

function setup(limit = 2) {
  const mock = mockClient();
  const list = new ConversationListStore(mock.client, { limit });
  later(mock.close, () => list.dispose());
  return { ...mock, list };
}

describe('ConversationListStore', () => {
  it('reads pages on demand, newest first, each conversation once', async () => {
    const { client, list } = setup();
    for (const title of ['One', 'Two', 'Three']) await client.conversations.create({ title });
    await list.open();
    expect(list.getSnapshot().status).toBe('ready');
    expect(list.getSnapshot().conversations).toHaveLength(2);
    expect(list.getSnapshot().hasMore).toBe(true);
    await list.loadMore();
    const snapshot = list.getSnapshot();
    expect(snapshot.conversations.map((c) => c.title).sort()).toEqual(['One', 'Three', 'Two']);
    expect(snapshot.hasMore).toBe(false);
    await list.loadMore();
    expect(list.getSnapshot().error?.code).toBe('invalid_argument');
  });

  it('creates, renames and deletes, on the server and in the list', async () => {
    const { client, list } = setup(10);
    await list.open();
    const created = await list.create({ title: 'Trip' });
    expect(list.getSnapshot().conversations[0]?.id).toBe(created?.id);
    await list.rename(created?.id ?? '', 'Lisbon trip');
    expect(list.getSnapshot().conversations[0]?.title).toBe('Lisbon trip');
    expect((await client.conversations.get(created?.id ?? '')).title).toBe('Lisbon trip');
    await list.remove(created?.id ?? '');
    expect(list.getSnapshot().conversations).toEqual([]);
    expect((await client.conversations.list()).data).toEqual([]);
    expect(list.getSnapshot().error).toBeUndefined();
  });

  it('opening never creates anything, and a disposed list is inert', async () => {
    const { client, sent, list } = setup();
    await Promise.all([list.open(), list.open()]);
    expect(sent.filter((r) => r.method === 'POST')).toEqual([]);
    list.dispose();
    expect(await list.create({ title: 'Late' })).toBeUndefined();
    expect((await client.conversations.list()).data).toEqual([]);
  });
});
