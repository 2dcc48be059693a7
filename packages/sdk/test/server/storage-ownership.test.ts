import { createStorage, type Storage } from 'unstorage';
import redisDriver from 'unstorage/drivers/redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/index.js';
import { storageOwnership } from '../../src/server/index.js';
import { runMatrix } from './attack-matrix.js';
import { browserClient, relayOnMock } from './harness.js';
import { type RedisServer, startRedis } from './redis-server.js';
import { missingIds, seedConversation } from './world.js';

// storageOwnership() on unstorage over a real redis-server, started here on loopback.
let redis: RedisServer;
const storages: Storage[] = [];

/** A fresh connection to the server, as a new instance of the app would open. */
function connectStorage(base: string): Storage {
  const storage = createStorage({ driver: redisDriver({ url: redis.url, base }) });
  storages.push(storage);
  return storage;
}

beforeAll(async () => {
  redis = await startRedis();
}, 20_000);

afterEach(async () => {
  await Promise.all(storages.splice(0).map((storage) => storage.dispose()));
});

afterAll(async () => {
  await redis?.stop();
});

describe('storageOwnership on unstorage + Redis', () => {
  it('records owners, lists newest first with a total, and forgets on release', async () => {
    const ownership = storageOwnership(connectStorage('unit'));
    // A user id made of digits, which unstorage would read back as a number if stored bare.
    await ownership.claim('conv_a', '123');
    await new Promise((resolve) => setTimeout(resolve, 2));
    await ownership.claim('conv:b/?', '123');
    await ownership.claim('conv_c', 'someone else');
    expect(await ownership.ownerOf('conv_a')).toBe('123');
    expect(await ownership.ownerOf('conv:b/?')).toBe('123');
    expect(await ownership.ownerOf('conv_missing')).toBeUndefined();
    expect(await ownership.list('123', 0, 10)).toEqual({ ids: ['conv:b/?', 'conv_a'], total: 2 });
    expect(await ownership.list('123', 1, 10)).toEqual({ ids: ['conv_a'], total: 2 });
    expect(await ownership.list('12', 0, 10)).toEqual({ ids: [], total: 0 });
    await ownership.learn('conv_a', ['msg_1', 'cp_1']);
    expect(await ownership.locate('msg_1')).toBe('conv_a');
    await ownership.forget('msg_1');
    expect(await ownership.locate('msg_1')).toBeUndefined();
    await ownership.release('conv_a');
    expect(await ownership.ownerOf('conv_a')).toBeUndefined();
    expect(await ownership.list('123', 0, 10)).toEqual({ ids: ['conv:b/?'], total: 1 });
  });

  it('survives a restart of the app: a new relay on the same store knows every owner', async () => {
    const first = relayOnMock({ ownership: storageOwnership(connectStorage('restart')) });
    const alice = await seedConversation(browserClient(first.relay, 'alice'), 'Before');
    // The same upstream data, a new relay process with a new connection to the store.
    const second = relayOnMock({ ownership: storageOwnership(connectStorage('restart')) });
    second.mock.importState(first.mock.exportState());
    const client = browserClient(second.relay, 'alice');
    expect((await client.conversations.get(alice.conversationId)).title).toBe('Before');
    expect((await client.messages.update(alice.messageId, { content: 'After' })).content).toBe(
      'After',
    );
    expect((await client.conversations.list()).total).toBe(1);
    await expect(
      browserClient(second.relay, 'bob').conversations.get(alice.conversationId),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('passes the attack matrix', async () => {
    const world = relayOnMock({ ownership: storageOwnership(connectStorage('matrix')) });
    const alice = await seedConversation(browserClient(world.relay, 'alice'), 'Alice’s');
    const bob = await seedConversation(browserClient(world.relay, 'bob'), 'Bob’s');
    const { failures, attacks } = await runMatrix(world.relay, world.mock, 'bob', {
      victim: alice,
      missing: missingIds,
      own: bob,
    });
    expect(failures).toEqual([]);
    expect(attacks).toBe(34);
  });
});
