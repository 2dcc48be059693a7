// The store's promises at their edges: what the user sees is what the model reads, no action
// loses text, and nothing wedges the store. Each test here failed on the store before the split.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../src/index.js';
import { type ConversationSnapshot, ConversationStore } from '../../src/store/index.js';
import {
  branch,
  cleanupAfterEach,
  conversation,
  fixedConversationClient,
  ids,
  message,
  must,
  storeSetup,
  until,
} from '../support/store.js';

const later = cleanupAfterEach();
const setup = storeSetup(later);
afterEach(() => {
  vi.restoreAllMocks();
});

function record(store: ConversationStore): ConversationSnapshot[] {
  const seen: ConversationSnapshot[] = [];
  store.subscribe(() => seen.push(store.getSnapshot()));
  return seen;
}

const faultOn = (pathEnd: RegExp, kind: string) => ({
  request(request: Request) {
    if (!pathEnd.test(new URL(request.url).pathname)) return request;
    const headers = new Headers(request.headers);
    headers.set('x-mock-fault', kind);
    return new Request(request, { headers });
  },
});

describe('what the user sees is what the model reads', () => {
  /** A store on a conversation whose first message was edited, with a second exchange after it. */
  async function editedFirst() {
    const mock = setup();
    const id = await mock.twoExchanges();
    const store = await mock.open(id);
    await store.edit(must(store.getSnapshot().path[0]).message.id, 'Plan a weekend in Porto');
    await store.send('Add a day trip');
    expect(store.getSnapshot().error).toBeUndefined();
    return { ...mock, id, store };
  }

  /** The reply at the end of the path read nothing the path does not show. */
  function expectReadOnlyWhatIsShown(snapshot: ConversationSnapshot) {
    expect(snapshot.error).toBeUndefined();
    const reply = must(snapshot.path.at(-1));
    expect(reply.message.role).toBe('assistant');
    expect(snapshot.path.map((e) => e.message.content).join(' ')).not.toContain('Lisbon');
    const read = must(reply.context?.contextMessageCount);
    // The prompt counts among the context's messages; it sits just before the reply.
    expect(read).toBeLessThanOrEqual(snapshot.path.length - 1);
  }

  it('regenerate after an edit of the first message', async () => {
    const { store } = await editedFirst();
    await store.regenerate(must(store.getSnapshot().path[3]).message.id);
    expectReadOnlyWhatIsShown(store.getSnapshot());
  });

  it('edit after an edit of the first message', async () => {
    const { store } = await editedFirst();
    await store.edit(must(store.getSnapshot().path[2]).message.id, 'Add a beach day');
    expectReadOnlyWhatIsShown(store.getSnapshot());
  });

  it('fork and send after an edit of the first message, and its checkpoint', async () => {
    const { store } = await editedFirst();
    await store.fork(must(store.getSnapshot().path[3]).message.id);
    await store.send('What should we pack?');
    expectReadOnlyWhatIsShown(store.getSnapshot());
    await store.createCheckpoint();
    expect(store.getSnapshot().checkpoint?.summary).not.toContain('Lisbon');
  });

  it('a fork asked for FULL context still never reads the replaced message', async () => {
    const { store } = await editedFirst();
    await store.fork(must(store.getSnapshot().path[1]).message.id, { contextMode: 'FULL' });
    await store.send('And in winter?');
    expectReadOnlyWhatIsShown(store.getSnapshot());
  });
});

describe('regenerate shows its versions on the reply', () => {
  it('no switcher on the unchanged question; the reply counts its versions', async () => {
    const { sent, open, twoExchanges } = setup();
    const store = await open(await twoExchanges());
    const original = store.getSnapshot();
    await store.regenerate(must(original.path[3]).message.id);
    await store.regenerate(must(store.getSnapshot().path[3]).message.id);
    const again = store.getSnapshot();
    expect(again.error).toBeUndefined();
    expect(again.path[2]?.alternatives).toBeUndefined();
    expect(again.path[3]?.alternatives).toMatchObject({ index: 2, count: 3 });

    sent.length = 0;
    await store.showPrevious(must(again.path[3]).key);
    await store.showPrevious(must(store.getSnapshot().path[3]).key);
    const first = store.getSnapshot();
    expect(first.activeBranchId).toBe(original.activeBranchId);
    expect(first.path[3]?.alternatives).toMatchObject({ index: 0, count: 3 });
    expect(sent).toEqual([]);
  });

  it('an edit beside regenerations: two versions of the question, each with its replies', async () => {
    const { open, twoExchanges } = setup();
    const store = await open(await twoExchanges());
    const original = store.getSnapshot();
    await store.regenerate(must(original.path[3]).message.id);
    await store.edit(must(store.getSnapshot().path[2]).message.id, 'Add a beach day');
    const edited = store.getSnapshot();
    expect(edited.path[2]?.alternatives).toMatchObject({ index: 1, count: 2 });
    expect(edited.path[3]?.alternatives).toBeUndefined();
    await store.showPrevious(must(edited.path[2]).key);
    const back = store.getSnapshot();
    expect(back.path[2]?.message.content).toBe('Add a day trip');
    expect(back.path[2]?.alternatives).toMatchObject({ index: 0, count: 2 });
    expect(back.path[3]?.alternatives).toMatchObject({ count: 2 });
  });
});

describe('stop keeps what was written', () => {
  it('shows the partial reply, not saved, with its question, until the next action', async () => {
    const { client, open, twoExchanges } = setup({ streamDelayMs: 20 });
    const id = await twoExchanges();
    const store = await open(id);
    const before = ids(store.getSnapshot());
    const question = 'Describe every neighbourhood of the city in detail';
    const done = store.send(question);
    const streamed = await until(
      store,
      (s) => (s.path.at(-1)?.message.content.length ?? 0) > 0 && s.streaming,
    );
    store.stop();
    await done;
    const stopped = store.getSnapshot();
    expect(stopped.error).toBeUndefined();
    expect(stopped.streaming).toBe(false);
    expect(stopped.pending).toBeUndefined();
    // The mock keeps nothing of a stopped exchange: the question comes back to be sent again.
    expect(stopped.unsent).toBe(question);
    expect(stopped.path.slice(0, -2).map((e) => e.message.id)).toEqual(before);
    const [asked, partial] = stopped.path.slice(-2);
    expect(asked).toMatchObject({
      status: 'unsaved',
      message: { role: 'user', content: question },
    });
    expect(partial?.status).toBe('unsaved');
    expect(partial?.message.content.startsWith(must(streamed.path.at(-1)).message.content)).toBe(
      true,
    );
    expect(await client.messages.list(id)).toHaveLength(4);

    await store.send('Something shorter');
    const next = store.getSnapshot();
    expect(next.path.some((e) => e.status === 'unsaved')).toBe(false);
    expect(next.path.map((e) => e.message.content)).not.toContain(question);
  });

  it('a stream that breaks off ends streaming and pending in one change, text handed back', async () => {
    const { open, twoExchanges } = setup({ streamDelayMs: 5 }, faultOn(/\/stream$/, 'cut-stream'));
    const store = await open(await twoExchanges());
    const seen = record(store);
    await store.send('What about Porto?');
    const from = seen.findIndex((s) => s.streaming);
    expect(from).toBeGreaterThanOrEqual(0);
    expect(seen.slice(from).every((s) => s.streaming === (s.pending !== undefined))).toBe(true);
    expect(store.getSnapshot()).toMatchObject({ streaming: false, unsent: 'What about Porto?' });
    expect(store.getSnapshot().error).toBeDefined();
  });

  it('streaming and pending end in the same change, and a send right after is taken', async () => {
    const { open, twoExchanges } = setup({ streamDelayMs: 20 });
    const store = await open(await twoExchanges());
    const done = store.send('Describe every neighbourhood of the city in detail');
    await until(store, (s) => (s.path.at(-1)?.message.content.length ?? 0) > 0);
    const seen = record(store);
    store.stop();
    const free = await until(store, (s) => !s.streaming);
    expect(free.pending).toBeUndefined();
    const afterStop = [...seen];
    await store.send('Then just the old town');
    await done;
    expect(afterStop.length).toBeGreaterThan(0);
    expect(afterStop.every((s) => s.streaming === (s.pending !== undefined))).toBe(true);
    expect(store.getSnapshot().error).toBeUndefined();
    expect(store.getSnapshot().path.at(-2)?.message.content).toBe('Then just the old town');
  });
});

describe('no action loses text or wedges the store', () => {
  it('a throwing subscriber neither rejects the action, wedges pending, nor skips others', async () => {
    const { open, twoExchanges } = setup();
    const store = await open(await twoExchanges());
    const report = vi.spyOn(console, 'error').mockImplementation(() => {});
    let thrown = 0;
    store.subscribe(() => {
      if (thrown++ === 0) throw new Error('render failed');
    });
    let others = 0;
    store.subscribe(() => {
      others += 1;
    });
    await expect(store.send('Where should we eat?')).resolves.toBeUndefined();
    const snapshot = store.getSnapshot();
    expect(snapshot.pending).toBeUndefined();
    expect(snapshot.error).toBeUndefined();
    expect(others).toBe(thrown);
    expect(report).toHaveBeenCalledTimes(1);
    await store.send('And a museum?');
    expect(store.getSnapshot().error).toBeUndefined();
    expect(store.getSnapshot().path).toHaveLength(8);
  });

  it('a send refused as busy hands its text back', async () => {
    const { open, twoExchanges } = setup({ latency: 30 });
    const store = await open(await twoExchanges());
    const suggesting = store.suggestBranches();
    await store.send('Is the castle worth it?');
    expect(store.getSnapshot().error?.code).toBe('busy');
    expect(store.getSnapshot().unsent).toBe('Is the castle worth it?');
    await suggesting;
    expect(store.getSnapshot().unsent).toBe('Is the castle worth it?');
  });

  it('an edit whose fork fails hands the edited text back', async () => {
    const { open, twoExchanges } = setup({}, faultOn(/\/fork$/, '500'));
    const store = await open(await twoExchanges());
    await store.edit(must(store.getSnapshot().path[2]).message.id, 'Add a beach day');
    const snapshot = store.getSnapshot();
    expect(snapshot.error).toBeDefined();
    expect(snapshot.unsent).toBe('Add a beach day');
  });

  it('a disposed store is inert', async () => {
    const { client, sent, open, twoExchanges } = setup();
    const id = await twoExchanges();
    const store = await open(id);
    const seen = record(store);
    store.dispose();
    sent.length = 0;
    await store.send('Anyone there?');
    await store.refresh();
    expect(sent).toEqual([]);
    expect(seen).toEqual([]);
    expect(await client.messages.list(id)).toHaveLength(4);
  });

  it('refresh() shows exactly what a freshly opened store shows', async () => {
    const { client, open, twoExchanges } = setup();
    const id = await twoExchanges();
    const main = await client.messages.list(id);
    const gone = await client.branches.fork(id, {
      forkPointMessageId: must(main[1]).id,
      title: 'Gone',
    });
    const store = await open(id);
    // Elsewhere: a branch deleted, a message deleted, a message sent from another tab.
    await client.branches.delete(id, gone.id);
    await client.messages.send(id, { content: 'From another tab' });
    await client.messages.delete(must(main[3]).id);
    await store.refresh();
    const fresh = await open(id);
    const refreshed = store.getSnapshot();
    expect(refreshed.branches.map((b) => b.id)).toEqual(
      fresh.getSnapshot().branches.map((b) => b.id),
    );
    expect(ids(refreshed)).toEqual(ids(fresh.getSnapshot()));
    expect(ids(refreshed)).toEqual((await client.messages.list(id)).map((m) => m.id));
  });

  it('a successful send replaces the live messages by the stored ones in one change', async () => {
    const { open, twoExchanges } = setup({ streamDelayMs: 2 });
    const store = await open(await twoExchanges());
    const seen = record(store);
    await store.send('Where should we eat?');
    // From the change that shows the question on, the path never loses the exchange.
    const shown = seen.findIndex((s) => s.path.length === 6);
    expect(seen.slice(shown).every((s) => s.path.length === 6)).toBe(true);
    const first = must(seen[shown]);
    const last = store.getSnapshot();
    expect(last.path.slice(-2).map((e) => e.key)).toEqual(first.path.slice(-2).map((e) => e.key));
    expect(last.path.slice(-2).map((e) => e.status)).toEqual(['stored', 'stored']);
  });
});

describe('every operation is linear and cycle-safe', () => {
  /** Message `n` of a chain, answering `parent`: questions at even times, replies at odd. */
  const chained = (id: string, branchId: string, n: number, parent: string | null): Message =>
    message(id, branchId, n, {
      parentMessageId: parent,
      role: n % 2 === 0 ? 'user' : 'assistant',
      content: `message ${n}`,
    });
  /**
   * The CPU time of this process, in ms: unlike the clock, other processes on a busy machine
   * (a CI running every suite at once) cannot inflate it.
   */
  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  /** A store opened on one branch of `count` messages; resolves with the CPU ms the open took. */
  const openChain = async (count: number) => {
    const messages: Message[] = [];
    for (let n = 0; n < count; n++) {
      messages.push(chained(`m${n}`, 'main', n, n === 0 ? null : `m${n - 1}`));
    }
    const client = fixedConversationClient(
      conversation([branch('main', { isMain: true, messageCount: count })], messages),
    );
    const store = new ConversationStore(client, 'c', { throttle: 0 });
    later(() => store.dispose());
    const started = cpuMs();
    await store.open();
    const ms = cpuMs() - started;
    expect(store.getSnapshot().path).toHaveLength(count);
    return ms;
  };

  it('opens a long branch in linear time, not quadratic', async () => {
    // 16 000 messages against 4 000, in the same run and in CPU time, rather than one open
    // timed against a bound a busy machine could miss: linear work takes ~4 times as long,
    // quadratic ~16 (60 000 messages took 6–7 s before). Each size is opened three times, in
    // turns, and its fastest open kept.
    const fastest = { quarter: Number.POSITIVE_INFINITY, whole: Number.POSITIVE_INFINITY };
    for (let turn = 0; turn < 3; turn++) {
      fastest.quarter = Math.min(fastest.quarter, await openChain(4_000));
      fastest.whole = Math.min(fastest.whole, await openChain(16_000));
    }
    expect(fastest.whole / fastest.quarter).toBeLessThan(8);
  }, 60_000);

  it('treats a branch-parent cycle as roots and shows both branches', async () => {
    const client = fixedConversationClient(
      conversation(
        [
          branch('main', { isMain: true }),
          branch('a', { parentBranchId: 'b', forkPointMessageId: 'b1' }),
          branch('b', { parentBranchId: 'a', forkPointMessageId: 'a1' }),
        ],
        [chained('m0', 'main', 0, null), chained('a1', 'a', 1, null), chained('b1', 'b', 2, null)],
      ),
    );
    const store = new ConversationStore(client, 'c', { throttle: 0 });
    later(() => store.dispose());
    await store.open();
    const snapshot = store.getSnapshot();
    expect(snapshot.status).toBe('ready');
    const inTree: string[] = [];
    const walk = (nodes: ConversationSnapshot['tree']) => {
      for (const node of nodes) {
        inTree.push(node.branch.id);
        walk(node.children);
      }
    };
    walk(snapshot.tree);
    expect(inTree.sort()).toEqual(['a', 'b', 'main']);
    await store.switchBranch('a');
    expect(store.getSnapshot().error).toBeUndefined();
    expect(ids(store.getSnapshot())).toContain('a1');
    await store.switchBranch('b');
    expect(ids(store.getSnapshot())).toContain('b1');
  });
});
