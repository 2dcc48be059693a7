import type { MockState } from '../domain/state.js';
import type { MockContext } from './env.js';
import type { OperationId } from './validation.js';

/** A request that passed auth, faults, idempotency and validation, ready for its handler. */
export interface OperationCall {
  c: MockContext;
  owner: string;
  /** The status the spec declares for success (201 for creations, else 200). */
  successStatus: number;
  params: Record<string, string>;
  query: Record<string, unknown>;
  /** The body, already validated against the operation's request schema. */
  body: unknown;
}

export type OperationHandler = (call: OperationCall) => Response | Promise<Response>;

/** Everything handlers share: the data and the behaviour knobs. */
export interface HandlerDeps {
  state: MockState;
  contextWindowTokens: number;
  streamDelayMs: number;
  /** Aborted when the mock closes, so that paced streams stop at once. */
  shutdown: AbortSignal;
}

export type Handlers = Record<OperationId, OperationHandler>;

/** The spec's success envelope, with the operation's own success status. */
export function envelope(call: OperationCall, data: unknown): Response {
  return call.c.json({ success: true, data }, call.successStatus as 200);
}

export function deleted(call: OperationCall): Response {
  return call.c.json({ success: true }, call.successStatus as 200);
}

/** A path parameter the route is guaranteed to have. */
export function param(call: OperationCall, name: string): string {
  const value = call.params[name];
  if (value === undefined) throw new Error(`route has no :${name} parameter`);
  return value;
}
