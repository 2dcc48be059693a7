import { API_BASE_PATH, seedTwoExchanges } from '@chatroutes/mock';
import { ConversationStore } from 'chatroutes/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

/** The mock's own requests, sent through Prism like the store's. */
const throughPrism: typeof fetch = (input, init) => {
  const path = new URL(String(input)).pathname.slice(API_BASE_PATH.length);
  return fetch(`${stack.prism.url}${path}`, init);
};

describe('the conversation store against the spec', () => {
  it('every request of open, edit, regenerate, fork, stop, checkpoint and refresh is the spec’s', async () => {
    const id = await seedTwoExchanges({ fetch: throughPrism }, 'cr_test_e2e');
    const store = new ConversationStore(stack.client, id, { throttle: 0 });
    const errors: unknown[] = [];
    store.subscribe(() => {
      const { error } = store.getSnapshot();
      if (error) errors.push(error);
    });
    await store.open();
    const path = () => store.getSnapshot().path;

    // An edit of the first message (a branch created at it), then everything after it.
    await store.edit(path()[0]?.message.id ?? '', 'Plan a weekend in Porto');
    await store.send('Add a day trip');
    await store.regenerate(path()[3]?.message.id ?? '');
    await store.fork(path()[1]?.message.id ?? '', { contextMode: 'FULL' });
    const stopped = store.send('Describe every street of the old town, one by one');
    store.stop();
    await stopped;
    await store.send('What should we pack?');
    await store.createCheckpoint();
    await store.refresh();

    expect(errors).toEqual([]);
    expect(stack.violations).toEqual([]);
    const shown = path().map((entry) => entry.message.content);
    expect(shown.join(' ')).not.toContain('Lisbon');
    const server = await stack.client.branches.getMessages(
      id,
      store.getSnapshot().activeBranchId ?? '',
    );
    expect(path().every((entry) => entry.status === 'stored')).toBe(true);
    expect(server.map((m) => m.id)).toEqual(
      expect.arrayContaining(path().map((entry) => entry.message.id)),
    );
    store.dispose();
  });
});
