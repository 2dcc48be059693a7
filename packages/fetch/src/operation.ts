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

/** The parameters of an operation, as openapi-typescript writes them. */
export interface WithParameters<Path, Query> {
  /** Its parameters by location. */
  parameters: {
    /** The path's `{parameters}`. */
    path?: Path;
    /** The query parameters. */
    query?: Query;
  };
}

/** An operation without path parameters takes none. */
export interface NoPathParams {
  /** Nothing: the path has no `{parameters}`. */
  path?: undefined;
}

/** The path parameters an operation needs. */
export interface WithPathParams<Path> {
  /** A value for each `{parameter}` of the path. */
  path: Path;
}

/** The query an operation takes (every query parameter of the spec is optional). */
export interface WithQuery<Query> {
  /** The query parameters. */
  query?: Query;
}

/** An operation without a query takes none. */
export interface NoQuery {
  /** Nothing: the operation declares no query parameter. */
  query?: undefined;
}

/**
 * The path parameters and the query of an operation, as the spec declares them (its headers
 * and cookies are left out: a client sets those itself).
 */
export type OperationParams<Operation> =
  Operation extends WithParameters<infer Path, infer Query>
    ? ([Path] extends [never | undefined] ? NoPathParams : WithPathParams<Path>) &
        ([Query] extends [never | undefined] ? NoQuery : WithQuery<Query>)
    : never;

/** A JSON body, as openapi-typescript writes request and response bodies. */
export interface JsonContent<Body> {
  /** The body by media type. */
  content: {
    /** The JSON body. */
    'application/json': Body;
  };
}

/** The JSON body an operation takes, or `undefined` when it takes none. */
export type OperationBody<Operation> = Operation extends {
  /** The operation's request body. */
  requestBody?: infer RequestBody;
}
  ? [RequestBody] extends [JsonContent<infer Body>]
    ? [Body] extends [never]
      ? undefined
      : Body
    : undefined
  : undefined;

/** The statuses of a successful answer. */
export type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;

/** The JSON body of an operation's successful answers (`never` when they have none). */
export type OperationSuccess<Operation> = Operation extends {
  /** The operation's answers by status. */
  responses: infer Responses;
}
  ? {
      [Status in keyof Responses & SuccessStatus]: Responses[Status] extends JsonContent<infer Body>
        ? Body
        : never;
    }[keyof Responses & SuccessStatus]
  : never;
