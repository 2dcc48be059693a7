import { afterEach, describe, expect, it } from 'vitest';
import { createMockApp, MockStateError, type MockStateSnapshot } from '../src/index.js';
import { createMockServer, type MockServer } from '../src/node.js';
import { API_KEY, setup } from './helpers.js';

type Mock = ReturnType<typeof setup>;

/**
 * A mock with something of everything: two conversations of the test key (branches, a
 * fork, a merge, a checkpoint, an edited and a deleted message, a renamed title), one
 * deleted conversation, and a conversation of another API key.
 */
async function populate(mock: Mock) {
  const { call, createConversation, send, sendOnBranch, messages } = mock;
  const trip = await createConversation({ title: 'Trip', model: 'claude-sonnet-4-5' });
  await send(trip.id, { content: 'Plan three days in Lisbon.' });
  await send(trip.id, { content: 'Add a museum on day two.' });
  const history = await messages(trip.id);
  const base = `/conversations/${trip.id}/branches`;
  const side = (await call('createBranch', 'POST', base, { body: { title: 'Side trip' } })).body
    .data.branch;
  await sendOnBranch(trip.id, side.id, 'What about a day in Sintra?');
  await call('mergeBranch', 'POST', `${base}/${side.id}/merge`);
  const fork = (
    await call('forkConversation', 'POST', `/conversations/${trip.id}/fork`, {
      body: { forkPointMessageId: history[1].id, title: 'Cheaper' },
    })
  ).body.data.branch;
  await sendOnBranch(trip.id, fork.id, 'Make it cheaper.');
  await call('createCheckpoint', 'POST', `/conversations/${trip.id}/checkpoints`, {
    body: { branchId: history[0].branchId, anchorMessageId: history.at(-1).id },
  });
  await call('updateMessage', 'PATCH', `/messages/${history[0].id}`, {
    body: { content: 'Plan four days in Lisbon.' },
  });
  await call('deleteMessage', 'DELETE', `/messages/${history[2].id}`);
  await call('updateConversation', 'PATCH', `/conversations/${trip.id}`, {
    body: { title: 'Lisbon trip' },
  });

  const recipes = await createConversation({ title: 'Recipes' });
  await send(recipes.id, { content: 'A quick dinner?' });
  const gone = await createConversation({ title: 'Gone' });
  await call('deleteConversation', 'DELETE', `/conversations/${gone.id}`);
  await call('createConversation', 'POST', '/conversations', {
    body: { title: 'Theirs' },
    headers: { authorization: 'ApiKey other-key' },
  });
  return { trip, recipes, gone, fork };
}

/** Everything a client can read about one conversation, through the API. */
async function readConversation(mock: Mock, conversationId: string) {
  const { call } = mock;
  const path = `/conversations/${conversationId}`;
  const branches = (await call('listBranches', 'GET', `${path}/branches`)).body.data.branches;
  return {
    conversation: (await call('getConversation', 'GET', path)).body,
    tree: (await call('getConversationTree', 'GET', `${path}/tree`)).body,
    branches,
    histories: await Promise.all(
      branches.map(
        async (branch: { id: string }) =>
          (await call('listBranchMessages', 'GET', `${path}/branches/${branch.id}/messages`)).body,
      ),
    ),
    checkpoints: (await call('listCheckpoints', 'GET', `${path}/checkpoints`)).body,
  };
}

const everyId = (snapshot: MockStateSnapshot) =>
  [snapshot.conversations, snapshot.branches, snapshot.messages, snapshot.checkpoints].flatMap(
    (records) => records.map((record) => record.id),
  );

// A fixed clock: the restored mock must answer exactly what the original did.
const now = () => new Date('2026-12-01T08:00:00.000Z');

describe('exportState / importState', () => {
  it('round-trips through JSON: the same conversations, branches, messages and checkpoints', async () => {
    const original = setup({ now });
    const { trip, recipes, gone } = await populate(original);
    const snapshot = original.mock.exportState();
    expect(snapshot).toMatchObject({ format: 'chatroutes-mock-state', version: 1 });
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);

    const restored = setup({ now, state: JSON.stringify(snapshot) });
    expect(restored.mock.exportState()).toEqual(snapshot);
    for (const id of [trip.id, recipes.id]) {
      expect(await readConversation(restored, id)).toEqual(await readConversation(original, id));
    }
    const listed = async (mock: Mock) =>
      (await mock.call('listConversations', 'GET', '/conversations')).body;
    expect(await listed(restored)).toEqual(await listed(original));
    // Deleted stays deleted, and another key's conversation stays private to that key.
    expect(
      (await restored.call('getConversation', 'GET', `/conversations/${gone.id}`)).status,
    ).toBe(404);
    expect(
      (await listed(restored)).conversations.map((item: { title: string }) => item.title),
    ).toEqual(['Recipes', 'Lisbon trip']);
  });

  it('importState replaces the data of a running mock, and the snapshot stays a copy', async () => {
    const original = setup({ now });
    await populate(original);
    const snapshot = original.mock.exportState();
    const frozen = structuredClone(snapshot);

    // Another seed, so that its own conversation cannot share an id with the snapshot's.
    const target = setup({ now, seed: 7 });
    const own = await target.createConversation({ title: 'Replaced' });
    target.mock.importState(snapshot);
    expect(target.mock.exportState()).toEqual(snapshot);
    expect((await target.call('getConversation', 'GET', `/conversations/${own.id}`)).status).toBe(
      404,
    );
    // Requests after the export or the import change neither snapshot object.
    await original.createConversation({ title: 'Later' });
    await target.createConversation({ title: 'Later' });
    expect(snapshot).toEqual(frozen);
  });

  it('serves the contentHash a snapshot holds as written, an old or tampered one included', async () => {
    const original = setup({ now });
    const conversation = await original.createConversation();
    await original.send(conversation.id, { content: 'Plan three days in Lisbon.' });
    const snapshot = original.mock.exportState();
    const [first] = snapshot.messages;
    if (!first) throw new Error('the snapshot holds no message');
    const written = 'f'.repeat(64);
    first.contentHash = written;

    const restored = setup({ now });
    restored.mock.importState(snapshot);
    const [served] = await restored.messages(conversation.id);
    expect(served.contentHash).toBe(written);
  });

  it('continues after the imported records: new ids never collide, histories extend', async () => {
    const original = setup({ now });
    const { trip } = await populate(original);
    const snapshot = original.mock.exportState();
    const imported = new Set(everyId(snapshot));

    // The same seed (the default) would draw the very ids the snapshot holds.
    const restored = setup({ now, state: snapshot });
    const created = await restored.createConversation({ title: 'After' });
    const reply = await restored.send(trip.id, { content: 'One more day?' });
    const fresh = everyId(restored.mock.exportState()).filter((id) => !imported.has(id));
    expect(fresh).toHaveLength(4); // a conversation and its main branch, a user message and a reply
    expect(fresh).toContain(created.id);

    const history = await restored.messages(trip.id);
    const before = await original.messages(trip.id);
    expect(history.slice(0, before.length)).toEqual(before);
    expect(history.at(-2)).toMatchObject({ role: 'user', parentMessageId: before.at(-1).id });
    expect(history.at(-1)).toMatchObject({ role: 'assistant', content: reply.message.content });
    // Equal timestamps (a fixed clock) fall back to creation order: the new conversation is
    // the newest, so the ordering counter continued after the imported records.
    const listed = (await restored.call('listConversations', 'GET', '/conversations')).body;
    expect(listed.conversations[0].id).toBe(created.id);
  });
});

/** The branches of the first conversation that have a parent: the merged side trip and the fork. */
const forks = (snapshot: MockStateSnapshot): [{ id: string }, { id: string }] => {
  const [first, second] = snapshot.branches.filter(
    (branch) =>
      branch.conversationId === snapshot.conversations[0]?.id && branch.parentBranchId !== null,
  ) as { id: string }[];
  if (!first || !second) throw new Error('populate() made fewer than two forks');
  return [first, second];
};

/** The snapshot with some fields of some branches (by id) replaced. */
const withBranches = (
  snapshot: MockStateSnapshot,
  changes: Record<string, Record<string, unknown>>,
): MockStateSnapshot => ({
  ...snapshot,
  branches: snapshot.branches.map((branch) => ({
    ...branch,
    ...changes[branch.id as string],
  })) as MockStateSnapshot['branches'],
});

describe('what the API accepts, a snapshot keeps', () => {
  // The spec bounds maxTokens below (1) and not above: any larger integer is a valid request,
  // so the export of the mock that stored it must load again.
  it.each([
    ['2^53', 2 ** 53],
    ['1e308', 1e308],
  ])('a maxTokens of %s is stored, exported and imported again', async (_, maxTokens) => {
    const original = setup({ now });
    const conversation = await original.createConversation({ title: 'Long replies' });
    const reply = await original.send(conversation.id, { content: 'Hello', maxTokens });
    expect(reply.message.metadata.maxTokens).toBe(maxTokens);
    const saved = JSON.stringify(original.mock.exportState());

    const restored = setup({ now, state: saved });
    expect(restored.mock.exportState()).toEqual(JSON.parse(saved));
    expect(await restored.messages(conversation.id)).toEqual(
      await original.messages(conversation.id),
    );
  });
});

describe('a snapshot the mock cannot load', () => {
  async function validSnapshot(): Promise<MockStateSnapshot> {
    const mock = setup();
    await populate(mock);
    return mock.mock.exportState();
  }

  const refusals: [string, (snapshot: MockStateSnapshot) => unknown, string, RegExp][] = [
    ['text that is not JSON', () => '{"format":', '', /is not valid JSON/],
    [
      'JSON that is no snapshot',
      () => ({ conversations: [] }),
      '',
      /not a @chatroutes\/mock state/,
    ],
    [
      'another version',
      (snapshot) => ({ ...snapshot, version: 2 }),
      'snapshot.version',
      /2 is not supported: this @chatroutes\/mock reads version 1/,
    ],
    [
      'a record without a field',
      (snapshot) => {
        const { title: _title, ...rest } = snapshot.conversations[0] ?? {};
        return { ...snapshot, conversations: [rest, ...snapshot.conversations.slice(1)] };
      },
      'snapshot.conversations[0].title',
      /must be a string/,
    ],
    [
      'an unknown field',
      (snapshot) => ({
        ...snapshot,
        messages: [{ ...snapshot.messages[0], colour: 'red' }, ...snapshot.messages.slice(1)],
      }),
      'snapshot.messages[0].colour',
      /is not a field of this record/,
    ],
    [
      'a wrong type deep inside',
      (snapshot) => ({
        ...snapshot,
        messages: snapshot.messages.map((message, index) =>
          index === 1 ? { ...message, role: 'robot' } : message,
        ),
      }),
      'snapshot.messages[1].role',
      /must be one of user, assistant, system/,
    ],
    [
      'a reference to a message it does not hold',
      (snapshot) => ({
        ...snapshot,
        messages: snapshot.messages.map((message, index) =>
          index === 1 ? { ...message, parentMessageId: 'msg_0000000000000000' } : message,
        ),
      }),
      'messages[1].parentMessageId',
      /names no message of conversation conv_\w+ \(msg_0000000000000000\)/,
    ],
    [
      'branch parents that form a cycle',
      (snapshot) => {
        const [first, second] = forks(snapshot);
        return withBranches(snapshot, {
          [first.id]: { parentBranchId: second.id },
          [second.id]: { parentBranchId: first.id },
        });
      },
      'branches[1].parentBranchId',
      /forms a cycle of parent branches \(br_\w+ → br_\w+ → br_\w+\)/,
    ],
    [
      'a message listed twice on its branch',
      (snapshot) => {
        const main = snapshot.branches[0] as { id: string; messageIds: string[] };
        return withBranches(snapshot, {
          [main.id]: { messageIds: [...main.messageIds, main.messageIds[0]] },
        });
      },
      'branches[0].messageIds[6]',
      /repeats the message msg_\w+/,
    ],
    [
      'a branch listed twice by its conversation',
      (snapshot) => {
        const [trip, ...rest] = snapshot.conversations as { branchIds: string[] }[];
        const branchIds = trip?.branchIds ?? [];
        return {
          ...snapshot,
          conversations: [{ ...trip, branchIds: [...branchIds, branchIds[0]] }, ...rest],
        };
      },
      'conversations[0].branchIds[3]',
      /repeats the branch br_\w+/,
    ],
    [
      'two main branches in one conversation',
      (snapshot) => withBranches(snapshot, { [forks(snapshot)[0].id]: { isMain: true } }),
      'branches[1].isMain',
      /is a second main branch of conversation conv_\w+ \(its main branch is br_\w+\)/,
    ],
    [
      'a main branch with a parent',
      (snapshot) =>
        withBranches(snapshot, {
          [snapshot.branches[0]?.id as string]: { parentBranchId: forks(snapshot)[0]?.id },
        }),
      'conversations[0].mainBranchId',
      /names a branch with a parent \(br_\w+\): main is the root/,
    ],
    [
      'a repeated id',
      (snapshot) => ({
        ...snapshot,
        checkpoints: [...snapshot.checkpoints, ...snapshot.checkpoints],
      }),
      'checkpoints[1].id',
      /repeats the id cp_/,
    ],
  ];

  it.each(refusals)(
    'refuses %s with a MockStateError naming the place',
    async (_, spoil, path, message) => {
      const snapshot = await validSnapshot();
      const bad = spoil(snapshot) as MockStateSnapshot;
      const failure = (() => {
        try {
          createMockApp({ state: bad });
        } catch (error) {
          return error;
        }
      })();
      expect(failure).toBeInstanceOf(MockStateError);
      expect(failure).toMatchObject({ name: 'MockStateError', path });
      expect((failure as Error).message).toMatch(/^Invalid mock state snapshot: /);
      expect((failure as Error).message).toMatch(message);
    },
  );

  it('leaves the data of a running mock as it was', async () => {
    const target = setup();
    await populate(target);
    const before = target.mock.exportState();
    expect(() => target.mock.importState({ ...before, version: 2 } as never)).toThrow(
      MockStateError,
    );
    expect(() => target.mock.importState('[]')).toThrow(MockStateError);
    expect(target.mock.exportState()).toEqual(before);
  });
});

describe('the Node server', () => {
  let server: MockServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('starts from a snapshot and exports what it serves', async () => {
    const source = setup();
    const { trip } = await populate(source);
    const snapshot = source.mock.exportState();
    server = await createMockServer({ state: snapshot, streamDelayMs: 0 });
    const response = await fetch(`${server.url}/conversations/${trip.id}/messages`, {
      headers: { authorization: `ApiKey ${API_KEY}` },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).data.messages).toEqual(await source.messages(trip.id));
    expect(server.exportState()).toEqual(snapshot);
  });
});
