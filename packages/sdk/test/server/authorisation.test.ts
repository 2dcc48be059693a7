import { httpMethods, loadSpec } from '@chatroutes/openapi';
import { beforeEach, describe, expect, it } from 'vitest';
import { OPERATIONS, type OperationId } from '../../src/server/index.js';
import { type Ids, labelsOf, runMatrix } from './attack-matrix.js';
import { APP_KEY, BASE_PATH, browserClient, call, relayOnMock, UPSTREAM } from './harness.js';
import { missingIds, seedConversation } from './world.js';

describe('the operation table', () => {
  it('has one entry per operation of the spec, with its method and path', () => {
    const spec = loadSpec();
    const fromSpec: Record<string, string> = {};
    for (const [path, item] of Object.entries<Record<string, { operationId?: string }>>(
      spec.paths,
    )) {
      for (const method of httpMethods) {
        const id = item[method]?.operationId;
        if (id) fromSpec[id] = `${method} ${path}`;
      }
    }
    const fromTable = Object.fromEntries(
      Object.entries(OPERATIONS).map(([id, rule]) => [id, `${rule.method} ${rule.path}`]),
    );
    expect(fromTable).toEqual(fromSpec);
    expect(Object.keys(fromTable)).toHaveLength(25);
  });

  it('names every id an operation carries, and the attack matrix tries each one', () => {
    for (const [id, rule] of Object.entries(OPERATIONS)) {
      const labels = labelsOf(id as OperationId, missingIds);
      const expected = ['conversation', 'message', 'checkpoint'].includes(rule.scope)
        ? ['path', ...(rule.references ?? [])]
        : [];
      expect(labels.sort(), id).toEqual(expected.sort());
    }
  });
});

describe('two users through the relay on the mock', () => {
  let world: ReturnType<typeof relayOnMock>;
  let alice: Ids;
  let bob: Ids;

  beforeEach(async () => {
    world = relayOnMock();
    alice = await seedConversation(browserClient(world.relay, 'alice'), 'Alice’s');
    bob = await seedConversation(browserClient(world.relay, 'bob'), 'Bob’s');
  });

  it('answers every operation on the other user’s ids exactly as on ids that do not exist, and changes nothing', async () => {
    const { failures, attacks } = await runMatrix(world.relay, world.mock, 'bob', {
      victim: alice,
      missing: missingIds,
      own: bob,
    });
    expect(failures).toEqual([]);
    expect(attacks).toBe(34);
  });

  it('refuses the other user’s ids in a second path parameter, the body or the query itself: the API never sees them', async () => {
    const own = `/conversations/${bob.conversationId}`;
    const requests: Array<[string, string, object?]> = [
      ['POST', `${own}/fork`, { forkPointMessageId: alice.messageId }],
      ['POST', `${own}/branches`, { title: 'x', baseNodeId: alice.messageId }],
      ['POST', `${own}/checkpoints`, { branchId: alice.branchId, anchorMessageId: bob.messageId }],
      ['POST', `${own}/checkpoints`, { branchId: bob.branchId, anchorMessageId: alice.messageId }],
      ['POST', `${own}/messages`, { content: 'Hi', branchId: alice.branchId }],
      ['GET', `${own}/messages?branchId=${alice.branchId}`],
      ['GET', `${own}/checkpoints?branchId=${alice.branchId}`],
      ['PATCH', `${own}/branches/${alice.branchId}`, { title: 'x' }],
      ['POST', `${own}/branches/${alice.branchId}/messages`, { content: 'Hi' }],
    ];
    for (const [method, path, body] of requests) {
      const before = world.received.length;
      const answer = await call(world.relay, 'bob', method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(world.received.length, `${method} ${path} reached the API`).toBe(before);
    }
    // The same requests with bob's own ids do reach it.
    const before = world.received.length;
    const answer = await call(
      world.relay,
      'bob',
      'GET',
      `${own}/messages?branchId=${bob.branchId}`,
    );
    expect(answer.status).toBe(200);
    expect(world.received.length).toBe(before + 1);
  });

  it('the same matrix fails against a relay that forwards everything with the key', async () => {
    const naive = async (request: Request) => {
      const url = new URL(request.url);
      const headers = new Headers(request.headers);
      headers.set('authorization', `ApiKey ${APP_KEY}`);
      const hasBody = !['GET', 'DELETE'].includes(request.method);
      return world.fetch(UPSTREAM + url.pathname.slice(BASE_PATH.length) + url.search, {
        method: request.method,
        headers,
        ...(hasBody && { body: await request.arrayBuffer() }),
      });
    };
    const { failures } = await runMatrix(naive, world.mock, 'bob', {
      victim: alice,
      missing: missingIds,
      own: bob,
    });
    expect(failures).toContain('getConversation (path): answered 200');
    expect(failures).toContain("deleteConversation (path): changed the victim's data");
    expect(failures).toContain("updateMessage (path): changed the victim's data");
    expect(failures).toContain("deleteCheckpoint (path): changed the victim's data");
  });
});
