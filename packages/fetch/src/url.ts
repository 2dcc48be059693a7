import type { paths } from './generated/schema.js';

/** The names of a path template's `{parameters}`: `'/a/{b}/c/{d}'` → `'b' | 'd'`. */
export type PathParamNames<Path extends string> =
  Path extends `${string}{${infer Name}}${infer Rest}` ? Name | PathParamNames<Rest> : never;

/** The values a path template needs, one per `{parameter}`. */
export type PathParams<Path extends string> = { [Name in PathParamNames<Path>]: string | number };

/** A query value, serialised as openapi-fetch does for `form` parameters. */
export type QueryValue = string | number | boolean;

/** The query of a request; `undefined` and `null` values (and empty arrays) are left out. */
export type QueryParams = Record<string, QueryValue | readonly QueryValue[] | null | undefined>;

/** What {@link buildUrl} needs besides the path: its parameters and its query. */
export interface UrlParams<Path extends string> {
  /** A value for each `{parameter}` of the path. */
  path?: PathParams<Path>;
  /** The query, appended after `?` unless it is empty. */
  query?: QueryParams;
}

/**
 * Refuses the path parameter values that would send the request to another endpoint. Values
 * are percent-encoded, but URL parsing still resolves the dot segments `.` and `..` (even
 * encoded), and an empty value collapses the path.
 */
export function requireSafePathParam(name: string, value: unknown): void {
  if (value === '' || value === '.' || value === '..') {
    throw new TypeError(
      `Path parameter \`${name}\` cannot be ${JSON.stringify(value)}: it would change the request path.`,
    );
  }
}

/**
 * The URL of one call: `baseUrl` (without a trailing slash) + the spec's path with each
 * `{parameter}` percent-encoded (one segment, whatever it holds) + the query, serialised as
 * openapi-fetch serialises `form` parameters (`a=1&b=x%20y`, an array as `a=1&a=2`).
 */
export function buildUrl<Path extends keyof paths>(
  baseUrl: string,
  path: Path,
  params: UrlParams<Path> = {},
): string {
  const search = serializeQuery(params.query);
  return `${baseUrl}${expandPath(path, params.path ?? {})}${search && `?${search}`}`;
}

/**
 * `template` with each `{parameter}` replaced by its value, percent-encoded as one segment;
 * a missing value, and one that would change the path, are refused. `buildUrl` and the
 * openapi-fetch client of `createClient` both build their paths with it.
 * @internal
 */
export function expandPath(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === null) {
      throw new TypeError(`Path parameter \`${name}\` is missing: ${template} needs it.`);
    }
    requireSafePathParam(name, value);
    return encodeURIComponent(value as QueryValue);
  });
}

/** `name=value` pairs joined by `&`, each value percent-encoded (names are the spec's). */
export function serializeQuery(query: QueryParams | undefined): string {
  const pairs: string[] = [];
  for (const name in query) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'object') {
        throw new TypeError(`Query parameter \`${name}\` must be a string, number or boolean.`);
      }
      pairs.push(`${name}=${encodeURIComponent(item)}`);
    }
  }
  return pairs.join('&');
}
