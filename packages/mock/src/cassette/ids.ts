import type { JsonValue } from '../snapshot/format.js';

/**
 * Rewrites the ids a recording saw into stable ones, so that two recordings of one scenario
 * read the same: the n-th id of a kind becomes `<prefix>_rec<n>` (`conv_rec0001`), the
 * prefix being the id's own (`conv_`, `br_`, `msg_`, `cp_`) or `id_` for an id without one.
 * An id is learnt where the API puts one: a field named `id` or ending in `Id`, or a list
 * under a field ending in `Ids`.
 */
export class IdRewriter {
  readonly #stable = new Map<string, string>();
  readonly #counts = new Map<string, number>();

  /** Learns the ids of a response body (in the order they appear). */
  learn(value: JsonValue, key = ''): void {
    if (typeof value === 'string') {
      if (key === 'id' || /[a-z]Id$/.test(key)) this.#add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) this.learn(item, /[a-z]Ids$/.test(key) ? 'id' : '');
    } else if (value !== null && typeof value === 'object') {
      for (const [field, item] of Object.entries(value)) this.learn(item, field);
    }
  }

  /** The value with every learnt id replaced, in strings and in path segments. */
  rewrite<T extends JsonValue>(value: T): T {
    if (typeof value === 'string') return this.rewriteText(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.rewrite(item)) as T;
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([field, item]) => [field, this.rewrite(item)]),
      ) as T;
    }
    return value;
  }

  /** A path, query or text with each learnt id replaced where it stands whole. */
  rewriteText(text: string): string {
    const exact = this.#stable.get(text);
    if (exact !== undefined) return exact;
    return text.replace(/[A-Za-z0-9_-]+/g, (word) => this.#stable.get(word) ?? word);
  }

  #add(id: string): void {
    if (id === '' || this.#stable.has(id)) return;
    const prefix = /^([a-z]+)_/.exec(id)?.[1] ?? 'id';
    const count = (this.#counts.get(prefix) ?? 0) + 1;
    this.#counts.set(prefix, count);
    this.#stable.set(id, `${prefix}_rec${String(count).padStart(4, '0')}`);
  }
}
