import {
  buildUrl,
  type HttpMethod,
  type OperationBody,
  type OperationOf,
  type OperationParams,
  type OperationSuccess,
  type PathsWithMethod,
  type UrlParams,
} from '@chatroutes/fetch';
import type { Exchange } from './api-promise.js';
import { type PipelineSettings, sendRequest } from './pipeline.js';

/** The JSON text of a request body, typed by what it encodes so that the spec checks the call. */
export type Json<Body> = string & { readonly encodes?: Body };

/** Headers to set; `null` removes one the client would send (as in openapi-fetch). */
export type HeaderValues = Record<string, string | null | undefined>;

/** One call: its parameters and body, and how the request pipeline carries it out. */
export interface CallInit<Params, Body> {
  params: Params;
  body: Json<Body> | undefined;
  headers: HeaderValues;
  signal: AbortSignal | undefined;
  pipeline: PipelineSettings;
}

/** The exchange of a call whose JSON body the spec types as `Body`. */
export interface TypedExchange<Body> extends Exchange {
  body: Body | undefined;
}

type Call<Method extends HttpMethod> = <Path extends PathsWithMethod<Method>>(
  path: Path,
  init: CallInit<
    OperationParams<OperationOf<Path, Method>>,
    OperationBody<OperationOf<Path, Method>>
  >,
) => Promise<TypedExchange<OperationSuccess<OperationOf<Path, Method>>>>;

/**
 * The spec's operations, typed from its `paths` as openapi-fetch types them, sent by the
 * request pipeline. The URL is built by `@chatroutes/fetch`'s `buildUrl` (the rule its
 * openapi-fetch client applies to path parameters); the request is never a `Request` unless
 * middleware asks for one.
 */
export interface Api {
  GET: Call<'get'>;
  POST: Call<'post'>;
  PATCH: Call<'patch'>;
  DELETE: Call<'delete'>;
}

/**
 * The client's calls: every request goes to `baseUrl` with `headers` (which carry the API key,
 * and are set last but for each call's own), a JSON body marked as such.
 */
export function createApi(baseUrl: string, headers: HeaderValues): Api {
  const call =
    (method: string) =>
    (path: string, init: CallInit<UrlParams<string>, unknown>): Promise<Exchange> => {
      const sent = new Headers();
      if (init.body !== undefined) sent.set('content-type', 'application/json');
      setHeaders(sent, headers);
      setHeaders(sent, init.headers);
      const url = buildUrl(baseUrl, path as never, init.params);
      return sendRequest(
        { url, method, headers: sent, body: init.body, signal: init.signal },
        init.pipeline,
      );
    };
  return {
    GET: call('GET'),
    POST: call('POST'),
    PATCH: call('PATCH'),
    DELETE: call('DELETE'),
  } as unknown as Api;
}

function setHeaders(target: Headers, values: HeaderValues): void {
  for (const name in values) {
    const value = values[name];
    if (value === null) target.delete(name);
    else if (value !== undefined) target.set(name, value);
  }
}
