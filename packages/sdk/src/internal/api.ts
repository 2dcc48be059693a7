import type {
  HttpMethod,
  OperationBody,
  OperationOf,
  OperationParams,
  OperationSuccess,
  PathsWithMethod,
} from '@chatroutes/fetch/contract';
import type { RoundTrip } from '../core/api-promise.js';

/** Headers to set; `null` removes one the client would send (as in openapi-fetch). */
export type HeaderValues = Record<string, string | null | undefined>;

/** The round trip of a call whose JSON body the spec types as `Body`. */
export interface TypedRoundTrip<Body> extends RoundTrip {
  body: Body | undefined;
}

/**
 * One of the spec's operations, typed from its `paths` as openapi-fetch types them: the
 * method, the path template, its parameters and its JSON body. The parameters and the body
 * are validated before anything is sent.
 */
export type TypedRequest = <Method extends HttpMethod, Path extends PathsWithMethod<Method>>(
  method: Method,
  path: Path,
  params: OperationParams<OperationOf<Path, Method>>,
  body?: OperationBody<OperationOf<Path, Method>>,
) => Promise<TypedRoundTrip<OperationSuccess<OperationOf<Path, Method>>>>;

/** Sets `values` on `target` in order; `null` removes a header. */
export function setHeaders(target: Headers, values: HeaderValues): void {
  for (const name in values) {
    const value = values[name];
    if (value === null) target.delete(name);
    else if (value !== undefined) target.set(name, value);
  }
}
