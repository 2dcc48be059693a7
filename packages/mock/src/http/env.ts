import type { Context } from 'hono';

/**
 * What the transport under the app can do for it. The Node server drops the TCP
 * connection; the in-process fetch handler makes its `fetch` reject like a network error.
 */
export interface TransportBindings {
  resetConnection(): void;
}

export interface MockVariables {
  requestId: string;
  /** The API key of the caller: the scope of its conversations and idempotency keys. */
  owner: string;
  /**
   * Set by a streamed exchange: settles with the stream's whole text once it is committed,
   * or `undefined` once it is rolled back (see `streamExchange`).
   */
  streamOutcome?: Promise<string | undefined>;
}

export interface MockEnv {
  Bindings: TransportBindings;
  Variables: MockVariables;
}

export type MockContext = Context<MockEnv>;

/**
 * Replaces the response a middleware sees after `next()`. Hono's `c.res` setter copies the
 * old response's headers onto the new one (a stale `content-length` among them), so the
 * old response is cleared first.
 */
export function replaceResponse(c: MockContext, response: Response): void {
  c.res = undefined;
  c.res = response;
}
