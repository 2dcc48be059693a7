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
  | { fingerprint: string; state: 'done'; response: StoredResponse; bytes: number };

export interface IdempotencyLimits {
  /** Keys remembered at most, running or answered. */
  maxKeys: number;
  /** Bytes of stored answers at most (body and headers, UTF-8). */
  maxBytes: number;
}

const encoder = new TextEncoder();

/**
 * Remembers POST results per (API key, Idempotency-Key), with a fingerprint of the request
 * (method, path and body). The first request with a key runs; a later one with the same
 * fingerprint gets the stored response and runs nothing; one with another fingerprint is
 * refused; one arriving while the first still runs is told so. Keys of different API keys
 * never collide.
 *
 * Bounded by count and by bytes: past either limit the oldest answered keys are forgotten
 * (a retry of one of them then runs afresh). Keys still running are never forgotten — that
 * would let a retry run the same request twice at once — but they count against `maxKeys`.
 */
export class IdempotencyStore {
  // A Map iterates in insertion order: the first entries are the oldest.
  readonly #entries = new Map<string, Entry>();
  readonly #limits: IdempotencyLimits;
  #storedBytes = 0;

  constructor(limits: IdempotencyLimits) {
    this.#limits = limits;
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
    if (entry?.state !== 'pending') return;
    const bytes = sizeOf(response);
    // Re-inserted: its age counts from its answer, which is when a retry may come.
    this.#entries.delete(id);
    this.#entries.set(id, { fingerprint: entry.fingerprint, state: 'done', response, bytes });
    this.#storedBytes += bytes;
    this.#evictOverflow();
  }

  /** Forgets a request that did not finish, so that its retry runs afresh. */
  abandon(scope: string, key: string): void {
    this.#forget(entryId(scope, key));
  }

  /** How much the store holds now. */
  get usage(): { keys: number; bytes: number; running: number } {
    let running = 0;
    for (const entry of this.#entries.values()) if (entry.state === 'pending') running += 1;
    return { keys: this.#entries.size, bytes: this.#storedBytes, running };
  }

  #evictOverflow(): void {
    for (const [id, entry] of this.#entries) {
      if (
        this.#entries.size <= this.#limits.maxKeys &&
        this.#storedBytes <= this.#limits.maxBytes
      ) {
        return;
      }
      if (entry.state === 'done') this.#forget(id);
    }
  }

  #forget(id: string): void {
    const entry = this.#entries.get(id);
    if (entry?.state === 'done') this.#storedBytes -= entry.bytes;
    this.#entries.delete(id);
  }
}

function sizeOf(response: StoredResponse): number {
  let bytes = encoder.encode(response.body).length;
  for (const [name, value] of response.headers) bytes += name.length + value.length + 4;
  return bytes;
}

function entryId(scope: string, key: string): string {
  return `${scope}\u0000${key}`;
}
