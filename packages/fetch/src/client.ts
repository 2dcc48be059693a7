import type { Client } from 'openapi-fetch';
import { DEFAULT_BASE_URL } from './base-url.js';
import type { paths } from './generated/schema.js';
import { createFetchClient } from './openapi-fetch.js';
import { expandPath, type QueryParams, serializeQuery } from './url.js';

/** Options of {@link createClient}: only `apiKey` is required. */
export interface ClientOptions {
  /** Your ChatRoutes API key; sent as `Authorization: ApiKey <key>` and nowhere else. */
  apiKey: string;
  /** The API's base URL; a trailing slash is tolerated. Defaults to {@link DEFAULT_BASE_URL}. */
  baseUrl?: string;
  /** The `fetch` to send requests with (a retrying one, a test double…). Defaults to the global one. */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request. They cannot replace `Authorization`. */
  headers?: Record<string, string>;
  /**
   * The class each request is built with before it is handed to `fetch` (default: the global
   * `Request`). A `fetch` that only reads the request's fields may take a lighter one.
   */
  Request?: typeof Request;
}

/** The typed client: `client.GET('/conversations/{conversationId}', { params: … })`. */
export type ChatRoutesFetchClient = Client<paths>;

/**
 * Creates the low-level ChatRoutes client: every path, parameter, body and response typed
 * from the OpenAPI contract. It shows the wire as it is: no retries, no unwrapping.
 */
export function createClient(options: ClientOptions): ChatRoutesFetchClient {
  if (typeof options?.apiKey !== 'string' || options.apiKey.trim() === '') {
    throw new TypeError('createClient: `apiKey` must be a non-empty string.');
  }
  return createFetchClient<paths>({
    baseUrl: (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    fetch: options.fetch,
    ...(options.Request && { Request: options.Request }),
    // The serialisers of `buildUrl`, which the SDK builds its requests with: one way to
    // write a URL of the API, whichever package sends the request.
    pathSerializer: (url, path) => expandPath(url, path),
    querySerializer: (query) => serializeQuery(query as QueryParams),
    headers: { ...options.headers, Authorization: `ApiKey ${options.apiKey}` },
  });
}
