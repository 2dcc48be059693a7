import type { operations } from '@chatroutes/fetch';
import type { BranchTurns } from '../domain/branch-turns.js';
import type { MockState } from '../domain/state.js';
import type { MockContext } from './env.js';

/** The spec's operation ids, from the types generated out of it. */
export type OperationId = keyof operations;

/** `{}` for an operation without that kind of parameter. */
type Present<T> = [T] extends [never] ? Record<string, never> : NonNullable<T>;

type PathOf<Id extends OperationId> = Present<operations[Id]['parameters']['path']>;
type QueryOf<Id extends OperationId> = Present<operations[Id]['parameters']['query']>;
type BodyOf<Id extends OperationId> =
  NonNullable<operations[Id]['requestBody']> extends {
    content: { 'application/json': infer Body };
  }
    ? Body
    : undefined;

/**
 * A request that passed auth, faults, idempotency and validation, ready for its handler,
 * typed by its operation: a field renamed in the spec fails to compile in the handler.
 */
export interface OperationCall<Id extends OperationId = OperationId> {
  c: MockContext;
  owner: string;
  /** The status the spec declares for success (201 for creations, else 200). */
  successStatus: number;
  params: PathOf<Id>;
  /** The query, validated and coerced to the declared types. */
  query: QueryOf<Id>;
  /** The body, validated against the operation's request schema (`{}` when optional and absent). */
  body: BodyOf<Id>;
}

export type OperationHandler<Id extends OperationId> = (
  call: OperationCall<Id>,
) => Response | Promise<Response>;

/** One handler per operation of the spec: a missing one does not compile. */
export type Handlers = { [Id in OperationId]: OperationHandler<Id> };

/** Everything handlers share: the data and the behaviour knobs. */
export interface HandlerDeps {
  state: MockState;
  /** One exchange at a time per branch. */
  turns: BranchTurns;
  contextWindowTokens: number;
  streamDelayMs: number;
  /** Aborted when the mock closes, so that paced streams and waits stop at once. */
  shutdown: AbortSignal;
}

/** What every call has, whatever its operation. */
type AnyCall = Pick<OperationCall, 'c' | 'successStatus'>;

/** The spec's success envelope, with the operation's own success status. */
export function envelope(call: AnyCall, data: unknown): Response {
  return call.c.json({ success: true, data }, call.successStatus as 200);
}

export function deleted(call: AnyCall): Response {
  return call.c.json({ success: true }, call.successStatus as 200);
}

/** Ends when the client leaves or the mock closes: the bound of every wait of a request. */
export function requestStop(call: AnyCall, deps: Pick<HandlerDeps, 'shutdown'>): AbortSignal {
  return AbortSignal.any([deps.shutdown, call.c.req.raw.signal]);
}
