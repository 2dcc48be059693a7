/** A JSON object: what each stored record of a snapshot is. */
export type JsonObject = { [key: string]: JsonValue };
/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** Tells a mock snapshot from any other JSON. */
export const SNAPSHOT_FORMAT = 'chatroutes-mock-state';
/** The snapshot version this release writes and reads. */
export const SNAPSHOT_VERSION = 1;

/**
 * Everything the mock stores, as plain JSON: what `exportState()` returns and what
 * `importState()` and `createMockApp({ state })` take. Save it with `JSON.stringify`, keep
 * it as a test fixture or in `localStorage`. The records are the mock's own (soft-deleted
 * ones included, each with the API key that owns it); treat them as opaque and let the mock
 * check them on import. Idempotency keys, faults and streams in flight are not part of it.
 */
export interface MockStateSnapshot {
  /** Always `'chatroutes-mock-state'`. */
  format: typeof SNAPSHOT_FORMAT;
  /** The format version: 1. A snapshot of another version is refused. */
  version: typeof SNAPSHOT_VERSION;
  /** The conversations, oldest first. */
  conversations: JsonObject[];
  /** The branches of every conversation, main branches included. */
  branches: JsonObject[];
  /** Every message of every branch. */
  messages: JsonObject[];
  /** The checkpoints. */
  checkpoints: JsonObject[];
}

/**
 * A snapshot given to `importState()` or `createMockApp({ state })` that the mock cannot
 * load: not JSON, not a snapshot, another version, a malformed record or a reference to a
 * record it does not hold. Nothing is loaded when it is thrown: the mock keeps its data.
 */
export class MockStateError extends Error {
  /** Where in the snapshot the problem is, e.g. `messages[3].parentMessageId`; `''` for the whole. */
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`Invalid mock state snapshot: ${path === '' ? '' : `${path} `}${problem}`);
    this.name = 'MockStateError';
    this.path = path;
  }
}
