/*
 * The runtime-neutral entry: the in-process mock (`createMockApp`) runs wherever `fetch`
 * runs (Node, Deno, Bun, browsers, workers). It imports no Node built-in and compiles no
 * code at run time; the HTTP server and the CLI live behind `@chatroutes/mock/node`.
 */
export {
  type CassetteDifference,
  type DiffOptions,
  diffCassettes,
} from './cassette/diff.js';
export {
  CASSETTE_FORMAT,
  type Cassette,
  CassetteError,
  type Interaction,
  readCassette,
} from './cassette/format.js';
export { type Recording, type RecordOptions, recordTraffic } from './cassette/record.js';
export { CassetteMismatchError, replayTraffic } from './cassette/replay.js';
export type { Fault, FaultKind, FaultRateOptions } from './domain/faults.js';
export { FAULT_KINDS } from './domain/faults.js';
export { seedTwoExchanges, TWO_EXCHANGES } from './fixtures/two-exchanges.js';
export { API_BASE_PATH } from './http/app.js';
export { createMockApp, type MockApp } from './mock-app.js';
export { MockOptionError, type MockOptions } from './options.js';
export {
  type JsonObject,
  type JsonValue,
  MockStateError,
  type MockStateSnapshot,
} from './snapshot/format.js';
