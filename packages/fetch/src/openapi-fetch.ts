import * as openapiFetch from 'openapi-fetch';

type CreateFetchClient = typeof openapiFetch.default;

/**
 * openapi-fetch's client factory is its default export. Our CJS build reaches it through
 * Node's interop rules (this package is `"type": "module"`), under which the default import
 * is openapi-fetch's whole `module.exports` and the factory is that object's `default`; a
 * plain default import would be that object in the CJS build and fail when called.
 */
export const createFetchClient: CreateFetchClient =
  typeof openapiFetch.default === 'function'
    ? openapiFetch.default
    : (openapiFetch.default as unknown as { default: CreateFetchClient }).default;
