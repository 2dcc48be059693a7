/*
 * `chatroutes/server`: the relay between browsers and ChatRoutes. Runtime-neutral (no Node
 * built-in): it runs wherever a `Request` → `Response` handler does.
 */

export type { Authenticate, RelayUser } from './identity.js';
export { OPERATIONS, type OperationId, type OperationRule, type Scope } from './operations.js';
export { memoryOwnership, type OwnedPage, type Ownership } from './ownership.js';
export {
  createRelay,
  type RelayEvent,
  type RelayHandler,
  type RelayOptions,
} from './relay.js';
export { type KeyValueStorage, storageOwnership } from './storage-ownership.js';
export type { UpstreamOptions } from './upstream.js';
