export {
  type ChatRoutesFetchClient,
  type ClientOptions,
  createClient,
  DEFAULT_BASE_URL,
} from './client.js';
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
