import { describe, expect, it } from 'vitest';
import { IdempotencyStore } from '../../src/domain/idempotency.js';

const response = (body: string) => ({ status: 200, headers: [] as const, body });
const roomy = () => new IdempotencyStore({ maxKeys: 100, maxBytes: 1_000_000 });

describe('IdempotencyStore', () => {
  it('runs the first request, replays a finished one, flags a running one and a different body', () => {
    const store = roomy();
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
    const store = roomy();
    store.begin('alice', 'k', 'body');
    store.abandon('alice', 'k');
    expect(store.begin('alice', 'k', 'body')).toEqual({ outcome: 'new' });
    expect(store.usage).toEqual({ keys: 1, bytes: 0, running: 1 });
  });

  it('forgets the oldest keys past its count limit', () => {
    const store = new IdempotencyStore({ maxKeys: 2, maxBytes: 1_000_000 });
    for (const key of ['a', 'b', 'c']) {
      store.begin('s', key, 'x');
      store.complete('s', key, response(key));
    }
    expect(store.begin('s', 'a', 'x')).toEqual({ outcome: 'new' });
    expect(store.begin('s', 'c', 'x')).toMatchObject({ outcome: 'replay' });
  });

  it('forgets the oldest answers past its byte limit, and counts multi-byte text as bytes', () => {
    const store = new IdempotencyStore({ maxKeys: 100, maxBytes: 10_000 });
    // 3 × 4 000 bytes (2 000 two-byte characters each): the third answer pushes out the first.
    for (const key of ['a', 'b', 'c']) {
      store.begin('s', key, 'x');
      store.complete('s', key, response('é'.repeat(2_000)));
    }
    expect(store.usage).toEqual({ keys: 2, bytes: 8_000, running: 0 });
    expect(store.begin('s', 'a', 'x')).toEqual({ outcome: 'new' });
    expect(store.begin('s', 'b', 'x')).toMatchObject({ outcome: 'replay' });
  });

  it('never forgets a key still running, even past its limits', () => {
    const store = new IdempotencyStore({ maxKeys: 1, maxBytes: 1 });
    store.begin('s', 'running', 'x');
    store.begin('s', 'done', 'x');
    store.complete('s', 'done', response('answer'));
    expect(store.begin('s', 'running', 'x')).toEqual({ outcome: 'in-progress' });
    expect(store.usage).toMatchObject({ running: 1 });
  });
});
