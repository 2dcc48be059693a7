import { describe, expect, it } from 'vitest';
import { BranchTurns } from '../../src/domain/branch-turns.js';

const never = new AbortController().signal;

describe('BranchTurns', () => {
  it('serves one holder per branch, in arrival order; other branches run freely', async () => {
    const turns = new BranchTurns();
    const order: string[] = [];
    const first = await turns.take('b', never);
    const second = turns.take('b', never).then((release) => {
      order.push('second');
      return release;
    });
    const third = turns.take('b', never).then((release) => {
      order.push('third');
      release();
    });
    (await turns.take('other', never))();
    await Promise.resolve();
    expect(order).toEqual([]);
    first();
    first(); // a second call does nothing
    (await second)();
    await third;
    expect(order).toEqual(['second', 'third']);
  });

  it('drops a waiter whose signal aborts, and only that one', async () => {
    const turns = new BranchTurns();
    const holder = await turns.take('b', never);
    const leaving = new AbortController();
    const gone = turns.take('b', leaving.signal);
    const staying = turns.take('b', never);
    leaving.abort(new Error('client left'));
    await expect(gone).rejects.toThrow('client left');
    holder();
    (await staying)();
    // The branch is free again.
    (await turns.take('b', never))();
  });

  it('passes the turn on when the next waiter was aborted in the same moment', async () => {
    const turns = new BranchTurns();
    const closing = new AbortController();
    const holder = await turns.take('b', never);
    // The holder lets go from an abort listener that runs before the waiter's own.
    closing.signal.addEventListener('abort', () => holder());
    const waiter = turns.take('b', closing.signal);
    const after = turns.take('b', never);
    closing.abort(new Error('closed'));
    await expect(waiter).rejects.toThrow('closed');
    (await after)();
  });

  it('refuses at once when the signal is already aborted', async () => {
    const turns = new BranchTurns();
    await expect(turns.take('b', AbortSignal.abort(new Error('late')))).rejects.toThrow('late');
    (await turns.take('b', never))();
  });
});
