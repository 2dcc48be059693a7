import { describe, expect, it, vi } from 'vitest';
import { AuthenticationError, type ChatRoutes, NotFoundError } from '../../src/index.js';
import { ConversationStore } from '../../src/store/index.js';
import { APP_KEY, browserClient, call, PAGE, relayOnMock, relayOver } from './harness.js';
import { seedConversation } from './world.js';

const json = (response: Response) => response.json() as Promise<Record<string, unknown>>;

describe('createRelay', () => {
  it('answers 401 without a session and sends nothing upstream', async () => {
    const { relay, received } = relayOnMock();
    const response = await call(relay, undefined, 'GET', '/autobranch/health');
    expect(response.status).toBe(401);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(await json(response)).toMatchObject({ success: false, code: 'UNAUTHORIZED' });
    expect(received).toEqual([]);
    await expect(browserClient(relay, '').autobranch.health()).rejects.toBeInstanceOf(
      AuthenticationError,
    );
  });

  it('gives AutoBranch and health to any signed-in user', async () => {
    const { relay } = relayOnMock();
    const client = browserClient(relay, 'carol');
    expect((await client.autobranch.health()).status).toBe('healthy');
    const { suggestions } = await client.autobranch.suggestBranches({
      text: 'Should I learn Rust or Go? Also, what about Zig?',
    });
    expect(Array.isArray(suggestions)).toBe(true);
  });

  it('never sends the browser’s Authorization or Cookie upstream, only its own key', async () => {
    const { relay, received } = relayOnMock();
    await browserClient(relay, 'alice').conversations.create({ title: 'Mine' });
    const [sent] = received;
    expect(sent?.headers.get('authorization')).toBe(`ApiKey ${APP_KEY}`);
    expect(sent?.headers.get('cookie')).toBeNull();
    expect([...(sent?.headers.keys() ?? [])].sort()).toEqual(
      ['authorization', 'content-type', 'idempotency-key'].sort(),
    );
  });

  it('never sends the key, Set-Cookie or hop-by-hop headers back, and redacts errors', async () => {
    const relay = relayOver(async () =>
      Response.json(
        { success: false, error: 'Bad key', message: `Key ${APP_KEY} is revoked`, code: 'X' },
        {
          status: 400,
          headers: {
            'set-cookie': 'upstream=1',
            connection: 'keep-alive',
            'keep-alive': 'timeout=5',
            'x-request-id': `req_${APP_KEY}`,
            'x-api-key': APP_KEY,
          },
        },
      ),
    );
    const response = await call(relay, 'alice', 'GET', '/autobranch/health');
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toContain(APP_KEY);
    expect(JSON.parse(text)).toEqual({
      success: false,
      error: 'Bad key',
      message: 'Key [redacted] is revoked',
      code: 'X',
    });
    for (const name of ['set-cookie', 'connection', 'keep-alive', 'x-api-key']) {
      expect(response.headers.get(name), name).toBeNull();
    }
    expect(response.headers.get('x-request-id')).toBe('req_[redacted]');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });

  it('passes a success on as it came, unless the key shows in it', async () => {
    const bodies = [{ status: 'healthy' }, { status: `healthy with ${APP_KEY}` }];
    const relay = relayOver(
      async () =>
        new Response(`{ "success": true, "data": ${JSON.stringify(bodies.shift())} }`, {
          headers: { 'content-type': 'application/json' },
        }),
    );
    const untouched = await call(relay, 'alice', 'GET', '/autobranch/health');
    expect(await untouched.text()).toBe('{ "success": true, "data": {"status":"healthy"} }');
    const redacted = await call(relay, 'alice', 'GET', '/autobranch/health');
    expect(await json(redacted)).toEqual({
      success: true,
      data: { status: 'healthy with [redacted]' },
    });
  });

  it('turns an upstream error that is not JSON into the API’s error envelope', async () => {
    const relay = relayOver(async () => new Response('<html>Bad gateway</html>', { status: 503 }));
    const response = await call(relay, 'alice', 'GET', '/autobranch/health');
    expect(response.status).toBe(503);
    expect(await json(response)).toMatchObject({ success: false, code: 'UPSTREAM_ERROR' });
  });

  it('refuses a body over the limit with 413, before anything goes upstream', async () => {
    const { relay, received } = relayOnMock({ maxBodyBytes: 100 });
    const response = await call(relay, 'alice', 'POST', '/conversations', {
      title: 'x'.repeat(200),
    });
    expect(response.status).toBe(413);
    expect(await json(response)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const declared = await call(
      relay,
      'alice',
      'POST',
      '/conversations',
      {},
      {
        'content-length': '101',
      },
    );
    expect(declared.status).toBe(413);
    expect(received).toEqual([]);
    // Within the limit, declared or not, the body goes through.
    expect((await call(relay, 'alice', 'POST', '/conversations', { title: 'ok' })).status).toBe(
      201,
    );
  });

  it('refuses the operations the app does not offer, for everyone', async () => {
    const { relay, received } = relayOnMock({ refuse: ['deleteConversation'] });
    const client = browserClient(relay, 'alice');
    const { id } = await client.conversations.create({});
    const response = await call(relay, 'alice', 'DELETE', `/conversations/${id}`);
    expect(response.status).toBe(403);
    expect(received.map((request) => request.method)).toEqual(['POST']);
  });

  it('runs the hook on every request, which may answer instead (a rate limit)', async () => {
    const onRequest = vi.fn(({ operation }: { operation: string }) =>
      operation === 'suggestBranches'
        ? Response.json(
            { success: false, error: 'Slow down', code: 'RATE_LIMITED' },
            { status: 429 },
          )
        : undefined,
    );
    const { relay, received } = relayOnMock({ onRequest });
    expect((await call(relay, 'alice', 'GET', '/autobranch/health')).status).toBe(200);
    const limited = await call(relay, 'alice', 'POST', '/autobranch/suggest-branches', {
      text: 'a',
    });
    expect(limited.status).toBe(429);
    expect(onRequest.mock.calls.map(([event]) => event)).toMatchObject([
      { operation: 'autobranchHealth', user: { userId: 'alice' } },
      { operation: 'suggestBranches', user: { userId: 'alice' } },
    ]);
    expect(received).toHaveLength(1);
  });

  it('answers 404 for a path that is no operation, without asking upstream', async () => {
    const { relay, received } = relayOnMock();
    for (const path of ['/admin', '/conversations/x/y/z', '/../autobranch/health']) {
      expect((await call(relay, 'alice', 'GET', path)).status, path).toBe(404);
    }
    expect(
      (
        await relay(
          new Request(`${PAGE}/elsewhere/autobranch/health`, { headers: { cookie: 'session=a' } }),
        )
      ).status,
    ).toBe(404);
    expect(received).toEqual([]);
  });

  it('lists only the caller’s conversations, with their total and pages', async () => {
    const { relay } = relayOnMock();
    const alice = browserClient(relay, 'alice');
    const bob = browserClient(relay, 'bob');
    const mine: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      mine.unshift((await alice.conversations.create({ title: `A${index}` })).id);
      await bob.conversations.create({ title: `B${index}` });
    }
    const first = await alice.conversations.list({ limit: 2 });
    expect(first.total).toBe(5);
    expect(first.hasNext).toBe(true);
    expect(first.data.map((conversation) => conversation.id)).toEqual(mine.slice(0, 2));
    expect(first.data[0]).not.toHaveProperty('messages');
    const all: string[] = [];
    for await (const conversation of alice.conversations.list({ limit: 2 }))
      all.push(conversation.id);
    expect(all).toEqual(mine);
    const last = await alice.conversations.list({ page: 3, limit: 2 });
    expect([last.data.length, last.hasNext]).toEqual([1, false]);
    expect((await alice.conversations.list({ filter: 'shared' })).total).toBe(0);
    expect((await browserClient(relay, 'dave').conversations.list()).total).toBe(0);
    expect((await call(relay, 'alice', 'GET', '/conversations?limit=500')).status).toBe(400);
  });

  it('namespaces Idempotency-Keys per user: B never receives A’s stored answer', async () => {
    const { relay } = relayOnMock();
    const key = { idempotencyKey: 'same-key' };
    const fromAlice = await browserClient(relay, 'alice').conversations.create({ title: 'T' }, key);
    const again = await browserClient(relay, 'alice').conversations.create({ title: 'T' }, key);
    const fromBob = await browserClient(relay, 'bob').conversations.create({ title: 'T' }, key);
    expect(again.id).toBe(fromAlice.id);
    expect(fromBob.id).not.toBe(fromAlice.id);
    await expect(
      browserClient(relay, 'bob').conversations.get(fromAlice.id),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('gives a conversation created through it to its creator, and forgets it once deleted', async () => {
    const { relay, ownership } = relayOnMock();
    const { id } = await browserClient(relay, 'alice').conversations.create({});
    expect(await ownership.ownerOf(id)).toBe('alice');
    await browserClient(relay, 'alice').conversations.delete(id);
    expect(await ownership.ownerOf(id)).toBeUndefined();
  });
});

describe('every operation works for the owner', () => {
  it('through the SDK', async () => {
    const { relay } = relayOnMock();
    const client: ChatRoutes = browserClient(relay, 'alice');
    const ids = await seedConversation(client, 'Everything');
    const { conversationId, branchId, messageId, checkpointId } = ids;
    expect((await client.conversations.get(conversationId)).id).toBe(conversationId);
    expect((await client.conversations.update(conversationId, { title: 'Renamed' })).title).toBe(
      'Renamed',
    );
    expect((await client.conversations.getTree(conversationId)).conversation.id).toBe(
      conversationId,
    );
    expect((await client.conversations.list()).total).toBe(1);
    const streamed = await client.messages
      .stream(conversationId, { content: 'Stream it' })
      .finalMessage();
    expect((await client.messages.update(streamed.message.id, { content: 'Edited' })).content).toBe(
      'Edited',
    );
    expect((await client.messages.list(conversationId, { branchId })).length).toBeGreaterThan(0);
    expect(await client.branches.list(conversationId)).toHaveLength(2);
    const branch = await client.branches.create(conversationId, {
      title: 'B',
      baseNodeId: messageId,
    });
    expect((await client.branches.update(conversationId, branch.id, { title: 'C' })).title).toBe(
      'C',
    );
    await client.branches.sendMessage(conversationId, branchId, { content: 'On the fork' });
    expect((await client.branches.getMessages(conversationId, branchId)).length).toBeGreaterThan(0);
    expect((await client.branches.merge(conversationId, branchId)).id).toBe(branchId);
    await client.branches.delete(conversationId, branch.id);
    expect((await client.checkpoints.list(conversationId)).map((c) => c.id)).toContain(
      checkpointId,
    );
    expect((await client.checkpoints.recreate(checkpointId)).id).toBe(checkpointId);
    await client.checkpoints.delete(checkpointId);
    await client.messages.delete(streamed.message.id);
    expect((await client.autobranch.health()).status).toBe('healthy');
    await client.conversations.delete(conversationId);
    await expect(client.conversations.get(conversationId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('through chatroutes/store', async () => {
    const { relay } = relayOnMock();
    const client = browserClient(relay, 'alice');
    const { id } = await client.conversations.create({ title: 'Store' });
    const store = new ConversationStore(client, id, { throttle: 0 });
    await store.open();
    await store.send('Plan a trip to Lisbon');
    const [question] = store.getSnapshot().path;
    await store.edit(question?.message.id as string, 'Plan a trip to Porto');
    await store.createCheckpoint();
    await store.suggestBranches();
    const snapshot = store.getSnapshot();
    expect(snapshot.error).toBeUndefined();
    expect(snapshot.branches).toHaveLength(2);
    expect(snapshot.checkpoint).toBeDefined();
    expect(snapshot.path.map((entry) => entry.message.content)[0]).toBe('Plan a trip to Porto');
    store.dispose();
    // Another user's store sees nothing of it.
    const intruder = new ConversationStore(browserClient(relay, 'bob'), id, { throttle: 0 });
    await intruder.open();
    expect(intruder.getSnapshot().error).toBeInstanceOf(NotFoundError);
  });

  it("runs a store's compare through the relay for its owner, and for no one else", async () => {
    const { relay } = relayOnMock();
    const alice = browserClient(relay, 'alice');
    const { id } = await alice.conversations.create({ title: 'Compare' });
    const store = new ConversationStore(alice, id, { throttle: 0 });
    await store.open();
    await store.compare('Name a colour', ['gpt-5', 'claude-sonnet-4-5', 'claude-opus-4-1']);
    expect(store.getSnapshot().error).toBeUndefined();
    expect(store.getSnapshot().path.at(-1)?.alternatives?.count).toBe(3);
    const branches = await alice.branches.list(id);
    store.dispose();

    // Bob knows the conversation's id and its messages' ids: his store cannot open it, his
    // compare forks nothing there, and asking the API directly for a fork is refused too.
    const bob = browserClient(relay, 'bob');
    const intruder = new ConversationStore(bob, id, { throttle: 0 });
    await intruder.open();
    await intruder.compare('Name a colour', ['gpt-5', 'claude-sonnet-4-5']);
    expect(intruder.getSnapshot().error).toBeDefined();
    const [question] = store.getSnapshot().path;
    await expect(
      bob.branches.fork(id, {
        forkPointMessageId: question?.message.id as string,
        title: 'Mine now',
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await alice.branches.list(id)).toEqual(branches);
    intruder.dispose();
  });
});
