/** Hands a branch's turn back; calling it again does nothing. */
export type ReleaseTurn = () => void;

interface Waiter {
  grant(release: ReleaseTurn): void;
}

/**
 * One exchange at a time per branch. An exchange takes its branch's turn before it reads the
 * history and gives it back once it is committed or rolled back, so a second send or stream
 * on the same branch starts from the first one's result: histories never interleave
 * (`u1, u2, a1, a2`) and every reply has seen the exchanges before it. Waiters are served
 * in arrival order; one whose request ends (client gone, mock closed) leaves the queue.
 */
export class BranchTurns {
  readonly #queues = new Map<string, Waiter[]>();

  /** Resolves with the turn once it is this caller's; rejects with the reason `signal` aborts. */
  take(branchId: string, signal: AbortSignal): Promise<ReleaseTurn> {
    if (signal.aborted) return Promise.reject(signal.reason);
    const queue = this.#queues.get(branchId);
    if (!queue) {
      // Nobody holds the turn: an empty queue marks it taken.
      this.#queues.set(branchId, []);
      return Promise.resolve(this.#releaser(branchId));
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        reject(signal.reason);
      };
      const waiter: Waiter = {
        grant(release) {
          signal.removeEventListener('abort', onAbort);
          // Aborted in the same tick as the turn came free: pass the turn on.
          if (signal.aborted) {
            release();
            reject(signal.reason);
          } else {
            resolve(release);
          }
        },
      };
      queue.push(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #releaser(branchId: string): ReleaseTurn {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queues.get(branchId)?.shift();
      if (next) next.grant(this.#releaser(branchId));
      else this.#queues.delete(branchId);
    };
  }
}
