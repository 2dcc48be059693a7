import { describe, expect, it } from 'vitest';
import { ChatRoutesError, NotFoundError, StreamError, ValidationError } from '../../src/index.js';
import { ConversationStore } from '../../src/store/index.js';
import { cleanupAfterEach, ids, must, storeSetup, until } from '../support/store.js';

const setup = storeSetup(cleanupAfterEach());

describe('ConversationStore: open', () => {
  it('reads branches and the active history in one request', async () => {
    const { client, sent, open, twoExchanges } = setup();
    const id = await twoExchanges();
    sent.length = 0;

    const store = await open(id);
    const snapshot = store.getSnapshot();

    expect(sent).toEqual([{ method: 'GET', path: `/conversations/${id}` }]);
    expect(snapshot.status).toBe('ready');
    expect(snapshot.error).toBeUndefined();
    expect(snapshot.conversation?.title).toBe('Trip');
    expect(snapshot.branches.map((b) => b.title)).toEqual(['Main']);
    expect(snapshot.tree).toHaveLength(1);
    expect(snapshot.activeBranchId).toBe(snapshot.branches[0]?.id);
    const server = await client.messages.list(id);
    expect(ids(snapshot)).toEqual(server.map((m) => m.id));
    expect(snapshot.path.every((e) => e.status === 'stored' && !e.alternatives)).toBe(true);
    expect(snapshot.path[1]?.context).toMatchObject({ checkpointUsed: false });
  });

  it('derives every branch exactly as the server lists it', async () => {
    const { client, open, twoExchanges } = setup();
    const id = await twoExchanges();
    const main = await client.messages.list(id);
    const a = await client.branches.fork(id, { forkPointMessageId: must(main[1]).id, title: 'A' });
    await client.branches.sendMessage(id, a.id, { content: 'Something cheaper' });
    const b = await client.branches.fork(id, { forkPointMessageId: must(main[3]).id, title: 'B' });
    await client.branches.sendMessage(id, b.id, { content: 'By train' });
    const aHistory = await client.branches.getMessages(id, a.id);
    const c = await client.branches.fork(id, {
      forkPointMessageId: must(aHistory[2]).id,
      title: 'C',
    });
    await client.branches.sendMessage(id, c.id, { content: 'In winter' });
    await client.messages.send(id, { content: 'And a museum' });

    const store = await open(id);
    for (const branch of await client.branches.list(id)) {
      await store.switchBranch(branch.id);
      const server = await client.branches.getMessages(id, branch.id);
      expect(ids(store.getSnapshot()), branch.title).toEqual(server.map((m) => m.id));
    }
    const tree = store.getSnapshot().tree;
    expect(tree.map((n) => n.branch.title)).toEqual(['Main']);
    expect(tree[0]?.children.map((n) => n.branch.title)).toEqual(['A', 'B']);
    expect(tree[0]?.children[0]?.children.map((n) => n.branch.title)).toEqual(['C']);
  });

  it('puts a typed error in the snapshot when the conversation does not exist', async () => {
    const { open } = setup();
    const store = await open('conv_missing');
    const snapshot = store.getSnapshot();
    expect(snapshot.status).toBe('error');
    expect(snapshot.error).toBeInstanceOf(NotFoundError);
    expect(snapshot.path).toEqual([]);
  });

  it('reads a branch the conversation did not embed, once', async () => {
    // A server that embeds no messages in the conversation: the store asks for the branch.
    const { client, sent, open, twoExchanges } = setup(
      {},
      {
        async response(request, response) {
          if (!/\/conversations\/[^/]+$/.test(new URL(request.url).pathname)) return response;
          const body = await response.json();
          delete body.data.conversation.messages;
          return Response.json(body, { status: response.status });
        },
      },
    );
    const id = await twoExchanges();
    sent.length = 0;
    const store = await open(id);
    const main = store.getSnapshot().activeBranchId;
    expect(sent.map((r) => r.path)).toEqual([
      `/conversations/${id}`,
      `/conversations/${id}/branches/${main}/messages`,
    ]);
    expect(ids(store.getSnapshot())).toEqual((await client.messages.list(id)).map((m) => m.id));
  });
});

describe('ConversationStore: send', () => {
  it('shows the user message at once, the reply as it streams, then the stored messages', async () => {
    const { client, sent, open, twoExchanges } = setup({ streamDelayMs: 5 });
    const id = await twoExchanges();
    const store = await open(id);
    const before = store.getSnapshot();
    sent.length = 0;

    const seen: string[] = [];
    store.subscribe(() => {
      const last = store.getSnapshot().path.at(-1);
      if (last?.status === 'streaming') seen.push(last.message.content);
    });
    const done = store.send('Where should we eat?');
    const optimistic = store.getSnapshot();
    expect(optimistic.streaming).toBe(true);
    expect(optimistic.pending).toBe('send');
    expect(optimistic.path.at(-2)).toMatchObject({
      status: 'sending',
      message: { role: 'user', content: 'Where should we eat?' },
    });
    await done;
    const requests = [...sent];

    const after = store.getSnapshot();
    expect(after.streaming).toBe(false);
    expect(after.pending).toBeUndefined();
    expect(after.error).toBeUndefined();
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toBe(after.path.at(-1)?.message.content);
    const server = await client.messages.list(id);
    expect(ids(after)).toEqual(server.map((m) => m.id));
    expect(after.path.at(-1)?.message).toEqual(server.at(-1));
    expect(after.path.at(-2)?.message.content).toBe('Where should we eat?');
    // One request for the whole exchange; the earlier messages keep their objects.
    expect(requests).toEqual([{ method: 'POST', path: `/conversations/${id}/messages/stream` }]);
    for (const [index, entry] of before.path.entries()) expect(after.path[index]).toBe(entry);
    // The branches did not change: the list and the tree are the same objects.
    expect(after.branches).toBe(before.branches);
    expect(after.tree).toBe(before.tree);
    // The stored messages keep the keys they were shown with while streaming.
    expect(after.path.at(-2)?.key).toBe(optimistic.path.at(-2)?.key);
    expect(after.path.at(-1)?.key).toBe(optimistic.path.at(-1)?.key);
  });

  it('returns the same snapshot until something changes', async () => {
    const { open, twoExchanges } = setup();
    const store = await open(await twoExchanges());
    expect(store.getSnapshot()).toBe(store.getSnapshot());
  });

  it('throttles streaming updates to the configured interval', async () => {
    const { open, twoExchanges } = setup({ streamDelayMs: 2 });
    const id = await twoExchanges();
    const count = async (throttle: number) => {
      const store = await open(id, { throttle });
      let updates = 0;
      store.subscribe(() => {
        if (store.getSnapshot().path.at(-1)?.status === 'streaming') updates += 1;
      });
      await store.send('Tell me about the tram lines, the castle and the river front');
      const words = store.getSnapshot().path.at(-1)?.message.content.split(' ').length ?? 0;
      return { updates, words };
    };
    const every = await count(0);
    const throttled = await count(1000);
    expect(every.updates).toBeGreaterThanOrEqual(every.words);
    expect(throttled.updates).toBeLessThanOrEqual(2);
  });

  it('refuses an empty message without a request, and keeps nothing half-done', async () => {
    const { sent, open, twoExchanges } = setup();
    const store = await open(await twoExchanges());
    const before = store.getSnapshot().path;
    sent.length = 0;
    await store.send('   ');
    const snapshot = store.getSnapshot();
    expect(sent).toEqual([]);
    expect(snapshot.error).toBeInstanceOf(ChatRoutesError);
    expect(snapshot.error?.code).toBe('invalid_argument');
    expect(snapshot.path).toBe(before);
  });

  it('gives back the text of a send the server refused', async () => {
    const { open, twoExchanges } = setup();
    const store = await open(await twoExchanges());
    const before = ids(store.getSnapshot());
    await store.send('Hello', { model: 'gpt-0' as never });
    const snapshot = store.getSnapshot();
    expect(snapshot.error).toBeInstanceOf(ValidationError);
    expect(snapshot.unsent).toBe('Hello');
    expect(ids(snapshot)).toEqual(before);
    store.dismissError();
    expect(store.getSnapshot().error).toBeUndefined();
    expect(store.getSnapshot().unsent).toBeUndefined();
  });

  it('re-reads the branch after a stream that broke off, and shows what the server kept', async () => {
    const { client, sent, open, twoExchanges } = setup(
      {},
      {
        request(request) {
          if (!request.url.endsWith('/messages/stream')) return request;
          const headers = new Headers(request.headers);
          headers.set('x-mock-fault', 'cut-stream');
          return new Request(request, { headers });
        },
      },
    );
    const id = await twoExchanges();
    const store = await open(id);
    const before = ids(store.getSnapshot());
    sent.length = 0;
    await store.send('What about Porto?');
    const snapshot = store.getSnapshot();
    expect(snapshot.error).toBeInstanceOf(StreamError);
    expect(snapshot.streaming).toBe(false);
    // The mock rolls a broken stream back: nothing of it is shown, and the text is given back.
    expect(snapshot.unsent).toBe('What about Porto?');
    expect(ids(snapshot)).toEqual(before);
    expect(sent.map((r) => r.path)).toEqual([
      `/conversations/${id}/messages/stream`,
      `/conversations/${id}/branches/${snapshot.activeBranchId}/messages`,
    ]);
    const server = await client.messages.list(id);
    expect(ids(snapshot)).toEqual(server.map((m) => m.id));
  });

  it('stop() aborts the reply and the store reads what the server kept, without an error', async () => {
    const { client, open, twoExchanges } = setup({ streamDelayMs: 30 });
    const id = await twoExchanges();
    const store = await open(id);
    const before = ids(store.getSnapshot());
    const done = store.send('Describe every neighbourhood of the city in detail');
    await until(store, (s) => (s.path.at(-1)?.message.content.length ?? 0) > 0 && s.streaming);
    store.stop();
    await done;
    const snapshot = store.getSnapshot();
    expect(snapshot.error).toBeUndefined();
    expect(snapshot.streaming).toBe(false);
    const stored = snapshot.path.filter((e) => e.status === 'stored').map((e) => e.message.id);
    const server = await client.messages.list(id);
    expect(stored).toEqual(server.map((m) => m.id));
    // The mock stores a stopped exchange not at all: the question comes back to be sent again.
    expect(stored).toEqual(before);
    expect(snapshot.unsent).toBe('Describe every neighbourhood of the city in detail');
  });

  it('refuses a second action while a reply streams', async () => {
    const { open, twoExchanges } = setup({ streamDelayMs: 10 });
    const store = await open(await twoExchanges());
    const first = store.send('One');
    await store.send('Two');
    expect(store.getSnapshot().error?.code).toBe('busy');
    await first;
    expect(store.getSnapshot().path.filter((e) => e.message.content === 'Two')).toEqual([]);
  });
});

describe('ConversationStore: versions and branches', () => {
  it('edit makes a new version of a user message, and switching between versions makes no request', async () => {
    const { client, sent, open, twoExchanges } = setup();
    const id = await twoExchanges();
    const store = await open(id);
    const original = store.getSnapshot();
    const question = must(original.path[2]);

    await store.edit(question.message.id, 'Add a beach day');
    const edited = store.getSnapshot();
    expect(edited.error).toBeUndefined();
    expect(edited.branches).toHaveLength(2);
    expect(edited.activeBranchId).not.toBe(original.activeBranchId);
    expect(edited.path.map((e) => e.message.content).slice(0, 3)).toEqual([
      'Plan a weekend in Lisbon',
      must(original.path[1]).message.content,
      'Add a beach day',
    ]);
    expect(edited.path).toHaveLength(4);
    // The shared prefix is the same objects; the divergence is at the edited message.
    expect(edited.path[0]).toBe(original.path[0]);
    expect(edited.path[1]).toBe(original.path[1]);
    expect(edited.path[2]?.alternatives).toMatchObject({
      index: 1,
      count: 2,
      previousBranchId: original.activeBranchId,
      nextBranchId: undefined,
    });
    const server = await client.branches.getMessages(id, must(edited.activeBranchId));
    expect(ids(edited)).toEqual(server.map((m) => m.id));

    sent.length = 0;
    await store.showPrevious(must(edited.path[2]).key);
    const back = store.getSnapshot();
    expect(back.activeBranchId).toBe(original.activeBranchId);
    expect(ids(back)).toEqual(ids(original));
    expect(back.path[2]?.alternatives).toMatchObject({ index: 0, count: 2 });
    await store.showNext(must(back.path[2]).key);
    expect(store.getSnapshot().activeBranchId).toBe(edited.activeBranchId);
    expect(sent).toEqual([]);
  });

  it('edit of the first message makes a version at the very start', async () => {
    const { open, twoExchanges } = setup();
    const id = await twoExchanges();
    const store = await open(id);
    const first = must(store.getSnapshot().path[0]);

    await store.edit(first.message.id, 'Plan a weekend in Porto');
    const edited = store.getSnapshot();
    expect(edited.error).toBeUndefined();
    expect(edited.path.map((e) => e.message.role)).toEqual(['user', 'assistant']);
    expect(edited.path[0]?.message.content).toBe('Plan a weekend in Porto');
    expect(edited.path[0]?.alternatives).toMatchObject({ index: 1, count: 2 });
    // The reply did not see the replaced message: it was made without context.
    expect(edited.path[1]?.message.content).not.toContain('Lisbon');

    await store.showPrevious(must(edited.path[0]).key);
    expect(store.getSnapshot().path[0]?.message.content).toBe('Plan a weekend in Lisbon');
    expect(store.getSnapshot().path).toHaveLength(4);
  });

  it('regenerate asks the same question again on a new branch', async () => {
    const { open, twoExchanges } = setup();
    const id = await twoExchanges();
    const store = await open(id);
    const original = store.getSnapshot();
    const reply = must(original.path[3]);

    await store.regenerate(reply.message.id);
    const again = store.getSnapshot();
    expect(again.error).toBeUndefined();
    expect(again.activeBranchId).not.toBe(original.activeBranchId);
    expect(again.path).toHaveLength(4);
    expect(again.path[2]?.message.content).toBe(original.path[2]?.message.content);
    expect(again.path[2]?.message.id).not.toBe(original.path[2]?.message.id);
    expect(again.path[3]?.message.id).not.toBe(reply.message.id);
    // The question did not change: the versions are the replies'.
    expect(again.path[2]?.alternatives).toBeUndefined();
    expect(again.path[3]?.alternatives).toMatchObject({ index: 1, count: 2 });
    expect(again.branches.at(-1)?.title).toBe('Regenerate: Add a day trip');
  });

  it('rejects an edit of an assistant message and a regenerate of a user message', async () => {
    const { sent, open, twoExchanges } = setup();
    const store = await open(await twoExchanges());
    const path = store.getSnapshot().path;
    sent.length = 0;
    await store.edit(must(path[1]).message.id, 'x');
    expect(store.getSnapshot().error?.message).toMatch(/is a assistant message, not a user one/);
    await store.regenerate(must(path[0]).message.id);
    expect(store.getSnapshot().error?.code).toBe('invalid_argument');
    await store.fork('msg_unknown');
    expect(store.getSnapshot().error?.message).toMatch(/not on the active branch/);
    await store.switchBranch('br_unknown');
    expect(store.getSnapshot().error?.message).toMatch(/not a branch of this conversation/);
    expect(sent).toEqual([]);
  });

  it('fork from here starts a branch at the message and sends there', async () => {
    const { client, open, twoExchanges } = setup();
    const id = await twoExchanges();
    const store = await open(id);
    const original = store.getSnapshot();

    await store.fork(must(original.path[1]).message.id, { title: 'Cheaper' });
    const forked = store.getSnapshot();
    expect(forked.branches.at(-1)?.title).toBe('Cheaper');
    expect(forked.activeBranchId).toBe(forked.branches.at(-1)?.id);
    expect(forked.path).toEqual(original.path.slice(0, 2));
    expect(forked.tree[0]?.children.map((n) => n.branch.title)).toEqual(['Cheaper']);

    await store.send('On a budget');
    const sentThere = store.getSnapshot();
    expect(sentThere.path[2]?.alternatives).toMatchObject({ index: 1, count: 2 });
    const server = await client.branches.getMessages(id, must(forked.activeBranchId));
    expect(ids(sentThere)).toEqual(server.map((m) => m.id));
    // The main branch did not change.
    expect(await client.messages.list(id)).toHaveLength(4);
  });

  it('"previous" goes back to the branch last shown with that version', async () => {
    const { open, twoExchanges } = setup();
    const id = await twoExchanges();
    const store = await open(id);
    const main = store.getSnapshot();
    // Two branches share the first version at position 2: main and a fork after it.
    await store.fork(must(main.path[3]).message.id, { title: 'Later' });
    await store.send('Even later');
    const later = store.getSnapshot().activeBranchId;
    await store.edit(must(main.path[2]).message.id, 'Another question');
    await store.showPrevious(must(store.getSnapshot().path[2]).key);
    expect(store.getSnapshot().activeBranchId).toBe(later);
  });
});

describe('ConversationStore: checkpoints and AutoBranch', () => {
  it('checkpoint summarises the branch, and the next reply says it used it', async () => {
    const { open, twoExchanges } = setup();
    const id = await twoExchanges();
    const store = await open(id);
    await store.createCheckpoint();
    const snapshot = store.getSnapshot();
    expect(snapshot.error).toBeUndefined();
    expect(snapshot.checkpoint?.anchor_message_id).toBe(snapshot.path.at(-1)?.message.id);
    expect(snapshot.checkpoint?.summary).toContain('Lisbon');

    await store.send('What should we pack?');
    expect(store.getSnapshot().path.at(-1)?.context).toMatchObject({
      checkpointUsed: true,
      contextMessageCount: 1,
    });
  });

  it('suggests branches for the last exchange, and forks from one in a click', async () => {
    const { client, sent, open } = setup();
    const conversation = await client.conversations.create({});
    await client.messages.send(conversation.id, { content: 'Should we take the train or fly?' });
    const store = await open(conversation.id);
    sent.length = 0;

    await store.suggestBranches();
    const snapshot = store.getSnapshot();
    expect(snapshot.error).toBeUndefined();
    expect(sent.map((r) => r.path)).toEqual(['/autobranch/suggest-branches']);
    const suggestions = must(snapshot.suggestions);
    expect(suggestions.messageId).toBe(snapshot.path[1]?.message.id);
    expect(suggestions.suggestions.length).toBeGreaterThan(0);
    const first = must(suggestions.suggestions[0]);
    expect(suggestions.text.slice(first.branchPoint.start, first.branchPoint.end)).toBe(
      first.triggerText,
    );

    await store.forkFromSuggestion(first, { content: first.triggerText });
    const forked = store.getSnapshot();
    expect(forked.error).toBeUndefined();
    expect(forked.branches.at(-1)?.title).toBe(first.title);
    expect(forked.path[2]?.message.content).toBe(first.triggerText);
    // The suggestions were for the exchange that is no longer the last one.
    expect(forked.suggestions).toBeUndefined();
  });
});

describe('ConversationStore: errors are ChatRoutesErrors', () => {
  it('a store needs a conversation id', () => {
    const { client } = setup();
    expect(() => new ConversationStore(client, '')).toThrow(TypeError);
    expect(() => new ConversationStore(client, 'conv', { throttle: -1 })).toThrow(RangeError);
  });
});
