/** A response kept byte for byte, so that a replay is indistinguishable from the original. */
export interface StoredResponse {
  status: number;
  headers: ReadonlyArray<readonly [string, string]>;
  body: string;
}

export type IdempotencyOutcome =
  | { outcome: 'new' }
  | { outcome: 'replay'; response: StoredResponse }
  | { outcome: 'in-progress' }
  | { outcome: 'mismatch' };

type Entry =
  | { fingerprint: string; state: 'pending' }
  | { fingerprint: string; state: 'done'; response: StoredResponse };

const DEFAULT_CAPACITY = 10_000;

/**
 * Remembers POST results per (API key, Idempotency-Key), with a fingerprint of the request
 * (method, path and body). The first request with a key runs; a later one with the same
 * fingerprint gets the stored response and runs nothing; one with another fingerprint is
 * refused; one arriving while the first still runs is told so. Keys of different API keys
 * never collide. The oldest entries are forgotten past `capacity`.
 */
export class IdempotencyStore {
  readonly #entries = new Map<string, Entry>();
  readonly #capacity: number;

  constructor(capacity = DEFAULT_CAPACITY) {
    this.#capacity = capacity;
  }

  begin(scope: string, key: string, fingerprint: string): IdempotencyOutcome {
    const id = entryId(scope, key);
    const entry = this.#entries.get(id);
    if (!entry) {
      this.#entries.set(id, { fingerprint, state: 'pending' });
      this.#evictOverflow();
      return { outcome: 'new' };
    }
    if (entry.fingerprint !== fingerprint) return { outcome: 'mismatch' };
    if (entry.state === 'pending') return { outcome: 'in-progress' };
    return { outcome: 'replay', response: entry.response };
  }

  /** Records the final response of a request that `begin` let through. */
  complete(scope: string, key: string, response: StoredResponse): void {
    const id = entryId(scope, key);
    const entry = this.#entries.get(id);
    if (entry) this.#entries.set(id, { fingerprint: entry.fingerprint, state: 'done', response });
  }

  /** Forgets a request that did not finish, so that its retry runs afresh. */
  abandon(scope: string, key: string): void {
    this.#entries.delete(entryId(scope, key));
  }

  #evictOverflow(): void {
    for (const id of this.#entries.keys()) {
      if (this.#entries.size <= this.#capacity) return;
      this.#entries.delete(id);
    }
  }
}

function entryId(scope: string, key: string): string {
  return `${scope}\u0000${key}`;
}
