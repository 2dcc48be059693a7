import type { Client, ClientOptions } from 'openapi-fetch';
import * as openapiFetch from 'openapi-fetch';

type CreateFetchClient = typeof openapiFetch.default;

/**
 * openapi-fetch's client factory is its default export. Our CJS build reaches it through
 * Node's interop rules (this package is `"type": "module"`), under which the default import
 * is openapi-fetch's whole `module.exports` and the factory is that object's `default`; a
 * plain default import would be that object in the CJS build and fail when called.
 *
 * Looked up at each call, not when the module loads: a module-level lookup is a side effect
 * bundlers keep, and would pull openapi-fetch into bundles that only use `buildUrl`.
 */
export function createFetchClient<Paths extends object>(options: ClientOptions): Client<Paths> {
  const create: CreateFetchClient =
    typeof openapiFetch.default === 'function'
      ? openapiFetch.default
      : (openapiFetch.default as unknown as { default: CreateFetchClient }).default;
  return create<Paths>(options);
}
