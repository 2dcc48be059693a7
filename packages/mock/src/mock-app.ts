import { BranchTurns } from './domain/branch-turns.js';
import { FaultPlanner } from './domain/faults.js';
import { IdempotencyStore } from './domain/idempotency.js';
import { createIdGenerator } from './domain/ids.js';
import { createRandom, type Random } from './domain/prng.js';
import { MockState, type StateChanges } from './domain/state.js';
import { createFetchHandler } from './fetch-handler.js';
import { buildApp } from './http/app.js';
import type { TransportBindings } from './http/env.js';
import { type MockOptions, type NormalisedOptions, normaliseOptions } from './options.js';
import type { MockStateSnapshot } from './snapshot/format.js';
import { readSnapshot } from './snapshot/read.js';
import { exportSnapshot, importSnapshot } from './snapshot/state-io.js';

/** The mock without a server: a `fetch` handler over its in-memory data. */
export interface MockApp {
  /**
   * The mock as a `fetch` function: hand it to a client (`new ChatRoutes({ fetch: mock.fetch })`)
   * and every request is answered in process, with no port. Any origin works; paths are
   * served under `/api/v1`, like the real service's default base URL.
   */
  fetch: typeof globalThis.fetch;
  /** Ends paced streams and stalled requests. */
  close(): void;
  /**
   * Everything the mock stores (conversations, branches, messages, checkpoints) as a
   * versioned, JSON-safe snapshot: `JSON.stringify` it, keep it as a fixture, load it with
   * `importState()` or `createMockApp({ state })`. A copy: later requests do not change it.
   */
  exportState(): MockStateSnapshot;
  /**
   * Replaces all the mock's data with a snapshot from `exportState()` (the object or its
   * JSON text). Throws MockStateError, and keeps its data, when the snapshot is malformed
   * or of another version. Ids drawn afterwards never repeat an imported one. Call it while
   * no request is in flight.
   */
  importState(snapshot: MockStateSnapshot | string): void;
}

/** Builds a fresh mock: its own data (empty, or `options.state`), seed, faults and idempotency keys. */
export function createMockApp(options: MockOptions = {}): MockApp {
  const { fetch, close, exportState, importState } = buildMock(options);
  return { fetch, close, exportState, importState };
}

/** The mock plus its raw request handler, which the HTTP server drives with its own transport. */
export interface MockInternals extends MockApp {
  handle(request: Request, transport: TransportBindings): Promise<Response>;
  /** Remembers the records each change touches from now on (see `MockState.trackChanges`). */
  trackChanges(): void;
  /** The records changed since the last call. */
  takeChanges(): StateChanges;
}

export function buildMock(input: MockOptions): MockInternals {
  const options = normaliseOptions(input);
  // Checked before anything is built: a bad snapshot fails the constructor, not a request.
  const initialRecords = input.state === undefined ? undefined : readSnapshot(input.state);
  const { seed } = options;
  // Independent streams per purpose, so that (say) latency jitter never shifts the ids.
  const idRandom = createRandom(seed);
  const requestIdRandom = createRandom(seed + 1);
  const faultRandom = createRandom(seed + 2);
  const latencyRandom = createRandom(seed + 3);
  const newRequestId = createIdGenerator(requestIdRandom);
  const shutdown = new AbortController();

  const state = new MockState({ newId: createIdGenerator(idRandom), now: options.now });
  if (initialRecords) importSnapshot(state, initialRecords);

  const app = buildApp({
    state,
    turns: new BranchTurns(),
    contextWindowTokens: options.contextWindowTokens,
    streamDelayMs: options.streamDelayMs,
    shutdown: shutdown.signal,
    acceptedKeys: options.apiKeys,
    nextRequestId: () => newRequestId('req'),
    latencyMs: latencyFunction(options.latency, latencyRandom),
    faultPlanner: new FaultPlanner(options.faults, faultRandom),
    idempotencyStore: new IdempotencyStore(options.idempotency),
    maxBodyBytes: options.maxBodyBytes,
  });

  const handle = async (request: Request, transport: TransportBindings) =>
    app.fetch(request, transport);
  return {
    fetch: createFetchHandler(handle),
    handle,
    close: () => shutdown.abort(),
    exportState: () => exportSnapshot(state),
    importState: (snapshot) => importSnapshot(state, readSnapshot(snapshot)),
    trackChanges: () => state.trackChanges(),
    takeChanges: () => state.takeChanges(),
  };
}

function latencyFunction({ min, max }: NormalisedOptions['latency'], random: Random): () => number {
  if (max === min) return () => min;
  return () => min + random() * (max - min);
}
