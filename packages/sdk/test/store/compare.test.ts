// `store.compare`: one question, several models, their replies as the versions of one position.
import { describe, expect, it } from 'vitest';
import type { ConversationSnapshot, ConversationStore } from '../../src/store/index.js';
import { cleanupAfterEach, must, storeSetup, texts, until } from '../support/store.js';

const later = cleanupAfterEach();
const setup = storeSetup(later);
const MODELS = ['gpt-5', 'claude-sonnet-4-5', 'claude-opus-4-1'] as const;

/** The model of each version of the last reply, walking the picker from the first to the last. */
async function modelsOfVersions(store: ConversationStore): Promise<string[]> {
  const reply = () => must(store.getSnapshot().path.at(-1));
  while (reply().alternatives?.previousBranchId) await store.showPrevious(reply().key);
  const models = [String(reply().message.metadata?.model)];
  while (reply().alternatives?.nextBranchId) {
    await store.showNext(reply().key);
    models.push(String(reply().message.metadata?.model));
  }
  return models;
}

/**
 * The models that wrote the versions, in the order of the names asked for: versions are listed
 * in the order the server stored them, which for concurrent replies is the order they ended.
 */
const sortedAs = (models: readonly string[], names: readonly string[]) =>
  names.map((name) => models.find((model) => model.startsWith(name)));

describe('store.compare', () => {
  it('shows one reply per model as the versions of one position, the first model shown', async () => {
    const { open, twoExchanges, client } = setup();
    const id = await twoExchanges();
    const store = await open(id);
    const before = store.getSnapshot();
    const activeBefore = before.activeBranchId;

    await store.compare('And in winter?', MODELS);

    const after = store.getSnapshot();
    expect(after.error).toBeUndefined();
    expect(after.pending).toBeUndefined();
    expect(after.activeBranchId).toBe(activeBefore);
    expect(texts(after).slice(0, -1)).toEqual([...texts(before), 'user: And in winter?']);
    const reply = must(after.path.at(-1));
    expect(reply.status).toBe('stored');
    // The question is the same on every branch, so the versions are the replies'.
    expect(after.path.at(-2)?.alternatives).toBeUndefined();
    expect(reply.alternatives?.count).toBe(3);
    // The first model's reply is the one shown.
    expect(reply.message.metadata?.model).toMatch(/^gpt-5/);
    expect(sortedAs(await modelsOfVersions(store), MODELS)).toEqual(
      MODELS.map((name) => expect.stringMatching(`^${name}`)),
    );

    // What the store shows is what the server holds: two new branches, each with its reply.
    const branches = await client.branches.list(id);
    expect(branches).toHaveLength(before.branches.length + 2);
    for (const created of branches.filter((b) => !before.branches.some((o) => o.id === b.id))) {
      const history = await client.branches.getMessages(id, created.id);
      expect(history.map((m) => `${m.role}: ${m.content}`).slice(-2, -1)).toEqual([
        'user: And in winter?',
      ]);
    }
  });

  it('sends the other models while the first reply streams, not after it', async () => {
    const { open, twoExchanges, sent } = setup({ streamDelayMs: 15 });
    const store = await open(await twoExchanges());
    const compared = store.compare('And in winter?', ['gpt-5', 'claude-sonnet-4-5']);
    await until(store, (s) => s.streaming && (s.path.at(-1)?.message.content.length ?? 0) > 0);
    // While the first model's reply streams, the second's branch and send have gone out.
    await until(store, () => sent.some((r) => r.method === 'POST' && r.path.endsWith('/messages')));
    expect(store.getSnapshot().streaming).toBe(true);
    await compared;
    expect(store.getSnapshot().error).toBeUndefined();
  });

  it('compares at the first question of a conversation without showing it twice', async () => {
    const { open, client } = setup();
    const { id } = await client.conversations.create({ title: 'Fresh' });
    const store = await open(id);

    await store.compare('Name a colour', MODELS);

    const snapshot = store.getSnapshot();
    expect(snapshot.error).toBeUndefined();
    expect(texts(snapshot)[0]).toBe('user: Name a colour');
    expect(snapshot.path).toHaveLength(2);
    expect(snapshot.path[0]?.alternatives).toBeUndefined();
    expect(must(snapshot.path[1]).alternatives?.count).toBe(3);
    expect(sortedAs(await modelsOfVersions(store), MODELS)).toEqual(
      MODELS.map((name) => expect.stringMatching(`^${name}`)),
    );
  });

  it('keeps the replies that came when one model fails, and says which failure', async () => {
    const { open, twoExchanges } = setup(
      {},
      {
        request(request) {
          // The plain send of the second model fails; the streamed first one does not.
          const send = request.method === 'POST' && request.url.endsWith('/messages');
          if (!send) return request;
          const headers = new Headers(request.headers);
          headers.set('x-mock-fault', '500');
          return new Request(request, { headers });
        },
      },
    );
    const store = await open(await twoExchanges(), {});
    await store.compare('And in winter?', ['gpt-5', 'claude-sonnet-4-5', 'claude-opus-4-1']);
    const snapshot = store.getSnapshot();
    expect(snapshot.error?.status).toBe(500);
    // The streamed reply is stored, so the text is not handed back.
    expect(snapshot.unsent).toBeUndefined();
    expect(must(snapshot.path.at(-1)).status).toBe('stored');
    expect(must(snapshot.path.at(-1)).alternatives).toBeUndefined();
  });

  it('stops every reply on stop(), with no error', async () => {
    const { open, twoExchanges, client } = setup({ streamDelayMs: 20 });
    const id = await twoExchanges();
    const store = await open(id);
    const compared = store.compare('And in winter?', ['gpt-5', 'claude-sonnet-4-5']);
    await until(store, (s) => s.streaming);
    store.stop();
    await compared;
    const snapshot = store.getSnapshot();
    expect(snapshot.error).toBeUndefined();
    expect(snapshot.pending).toBeUndefined();
    expect(must(snapshot.path.at(-1)).status).toBe('unsaved');
    // Whatever the server kept, the store shows: a fresh store sees the same versions.
    const fresh = await open(id, { branchId: snapshot.activeBranchId });
    const stored = (s: ConversationSnapshot) =>
      s.path.filter((e) => e.status === 'stored').map((e) => [e.key, e.alternatives?.count]);
    await store.refresh();
    expect(stored(store.getSnapshot())).toEqual(stored(fresh.getSnapshot()));
    expect(await client.branches.list(id)).toHaveLength(store.getSnapshot().branches.length);
  });

  it('refuses a missing model list or an empty question, handing the text back', async () => {
    const { open, twoExchanges, sent } = setup();
    const store = await open(await twoExchanges());
    const requests = sent.length;
    await store.compare('And in winter?', []);
    expect(store.getSnapshot().error?.code).toBe('invalid_argument');
    expect(store.getSnapshot().unsent).toBe('And in winter?');
    await store.compare('And in winter?', ['gpt-5', ' ']);
    expect(store.getSnapshot().error?.message).toMatch(/model names/);
    await store.compare('   ', ['gpt-5']);
    expect(store.getSnapshot().error?.code).toBe('invalid_argument');
    expect(sent.length).toBe(requests);
  });
});
