export {
  type ChatRoutesFetchClient,
  type ClientOptions,
  createClient,
  DEFAULT_BASE_URL,
} from './client.js';
export type { components, operations, paths } from './generated/schema.js';
export * from './generated/schemas.js';
