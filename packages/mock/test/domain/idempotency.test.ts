import { describe, expect, it } from 'vitest';
import { IdempotencyStore } from '../../src/domain/idempotency.js';

const response = (body: string) => ({ status: 200, headers: [] as const, body });

describe('IdempotencyStore', () => {
  it('runs the first request, replays a finished one, flags a running one and a different body', () => {
    const store = new IdempotencyStore();
    expect(store.begin('alice', 'k', 'body-1')).toEqual({ outcome: 'new' });
    expect(store.begin('alice', 'k', 'body-1')).toEqual({ outcome: 'in-progress' });
    store.complete('alice', 'k', response('stored'));
    expect(store.begin('alice', 'k', 'body-1')).toEqual({
      outcome: 'replay',
      response: response('stored'),
    });
    expect(store.begin('alice', 'k', 'body-2')).toEqual({ outcome: 'mismatch' });
    expect(store.begin('bob', 'k', 'body-2')).toEqual({ outcome: 'new' });
  });

  it('forgets an abandoned request so that its retry runs', () => {
    const store = new IdempotencyStore();
    store.begin('alice', 'k', 'body');
    store.abandon('alice', 'k');
    expect(store.begin('alice', 'k', 'body')).toEqual({ outcome: 'new' });
  });

  it('forgets the oldest keys past its capacity', () => {
    const store = new IdempotencyStore(2);
    for (const key of ['a', 'b', 'c']) {
      store.begin('s', key, 'x');
      store.complete('s', key, response(key));
    }
    expect(store.begin('s', 'a', 'x')).toEqual({ outcome: 'new' });
    expect(store.begin('s', 'c', 'x')).toMatchObject({ outcome: 'replay' });
  });
});
