/**
 * The contract without a client: every wire type of the spec, its constants and `buildUrl`,
 * and no openapi-fetch. What a package that sends its own requests (the `chatroutes` SDK)
 * imports, so that loading it loads no code it does not run.
 * @module
 */
export { DEFAULT_BASE_URL } from './base-url.js';
export { contentHashInput, type HashedMessage } from './content-hash.js';
export type { components, operations, paths } from './generated/schema.js';
export * from './generated/schemas.js';
export type {
  HttpMethod,
  JsonContent,
  NoPathParams,
  NoQuery,
  OperationBody,
  OperationOf,
  OperationParams,
  OperationSuccess,
  PathsWithMethod,
  SuccessStatus,
  WithParameters,
  WithPathParams,
  WithQuery,
} from './operation.js';
export {
  buildUrl,
  type PathParamNames,
  type PathParams,
  type QueryParams,
  type QueryValue,
  requireSafePathParam,
  serializeQuery,
  type UrlParams,
} from './url.js';
