import type { paths } from './generated/schema.js';

/** The HTTP methods the spec's path items may declare (lower case, as in the spec). */
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';

/** The spec's paths that have an operation for `Method`. */
export type PathsWithMethod<Method extends HttpMethod> = {
  [Path in keyof paths]: paths[Path] extends { [M in Method]: object } ? Path : never;
}[keyof paths];

/** The operation the spec declares for `Method` on `Path`. */
export type OperationOf<
  Path extends PathsWithMethod<Method>,
  Method extends HttpMethod,
> = paths[Path][Method];

/**
 * The path parameters and the query of an operation, as the spec declares them (its headers
 * and cookies are left out: a client sets those itself).
 */
export type OperationParams<Operation> = Operation extends {
  parameters: { path?: infer Path; query?: infer Query };
}
  ? ([Path] extends [never | undefined] ? { path?: undefined } : { path: Path }) &
      ([Query] extends [never | undefined] ? { query?: undefined } : { query?: Query })
  : never;

/** The JSON body an operation takes, or `undefined` when it takes none. */
export type OperationBody<Operation> = Operation extends {
  requestBody?: infer RequestBody;
}
  ? [RequestBody] extends [{ content: { 'application/json': infer Body } }]
    ? [Body] extends [never]
      ? undefined
      : Body
    : undefined
  : undefined;

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;

/** The JSON body of an operation's successful answers (`never` when they have none). */
export type OperationSuccess<Operation> = Operation extends { responses: infer Responses }
  ? {
      [Status in keyof Responses & SuccessStatus]: Responses[Status] extends {
        content: { 'application/json': infer Body };
      }
        ? Body
        : never;
    }[keyof Responses & SuccessStatus]
  : never;
