import { BranchTurns } from './domain/branch-turns.js';
import { FaultPlanner } from './domain/faults.js';
import { IdempotencyStore } from './domain/idempotency.js';
import { createIdGenerator } from './domain/ids.js';
import { createRandom, type Random } from './domain/prng.js';
import { MockState } from './domain/state.js';
import { createFetchHandler } from './fetch-handler.js';
import { buildApp } from './http/app.js';
import type { TransportBindings } from './http/env.js';
import { type MockOptions, type NormalisedOptions, normaliseOptions } from './options.js';

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
}

/** Builds a fresh, empty mock: its own data, seed, faults and idempotency keys. */
export function createMockApp(options: MockOptions = {}): MockApp {
  const { fetch, close } = buildMock(options);
  return { fetch, close };
}

/** The mock plus its raw request handler, which the HTTP server drives with its own transport. */
export interface MockInternals extends MockApp {
  handle(request: Request, transport: TransportBindings): Promise<Response>;
}

export function buildMock(input: MockOptions): MockInternals {
  const options = normaliseOptions(input);
  const { seed } = options;
  // Independent streams per purpose, so that (say) latency jitter never shifts the ids.
  const idRandom = createRandom(seed);
  const requestIdRandom = createRandom(seed + 1);
  const faultRandom = createRandom(seed + 2);
  const latencyRandom = createRandom(seed + 3);
  const newRequestId = createIdGenerator(requestIdRandom);
  const shutdown = new AbortController();

  const app = buildApp({
    state: new MockState({ newId: createIdGenerator(idRandom), now: options.now }),
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
  };
}

function latencyFunction({ min, max }: NormalisedOptions['latency'], random: Random): () => number {
  if (max === min) return () => min;
  return () => min + random() * (max - min);
}
