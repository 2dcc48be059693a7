import type { SendMessageRequest } from '@chatroutes/fetch';
import type { OpenStreamResponse } from '../streaming/message-stream.js';
import { type Api, type CallInit, createApi, type Json, type TypedExchange } from './api.js';
import { APIPromise, type Exchange } from './api-promise.js';
import { pick } from './envelope.js';
import { createLog } from './logging.js';
import { type ClientSettings, type RequestOptions, resolveCallSettings } from './options.js';
import { newIdempotencyKey, type PipelineSettings } from './pipeline.js';
import { userAgent } from './platform.js';
import { createRedactor, type Redact } from './redact.js';
import { encodeJson, requireIds, requireObject } from './validate.js';

interface CallParams {
  path?: Record<string, string>;
  query?: object;
}

/** The `data` of a `{ success, data }` body. */
type EnvelopeData<B> = NonNullable<B extends { data?: infer D } ? D : never>;

const noResult = () => undefined;

/** Makes a call's init from its parameters and body, once they are valid. */
export type InitBuilder = <P extends CallParams, B = undefined>(
  params: P,
  body?: B,
) => CallInit<P, B>;

/** Makes one typed call; the exchange it resolves to is the call's. */
export type Send<B> = (api: Api, init: InitBuilder) => Promise<TypedExchange<B>>;

/**
 * Carries every call of every resource: the spec's typed calls, sent by the request pipeline
 * with the call's `RequestOptions` applied. The API key lives only inside the calls' headers
 * and the redaction closure, never on a readable field.
 */
export class Transport {
  readonly #settings: ClientSettings;
  readonly #api: Api;
  readonly #pipeline: PipelineSettings;
  /** Removes the API key from anything the server sent back, before an error or log shows it. */
  readonly redact: Redact;

  constructor(settings: ClientSettings) {
    this.#settings = settings;
    this.redact = createRedactor(settings.apiKey);
    const { timeout, retryAttempts, retryDelay, fetch, fetchOptions, middleware } = settings;
    this.#pipeline = {
      timeout,
      retryAttempts,
      retryDelay,
      fetch,
      fetchOptions,
      middleware,
      redact: this.redact,
      log: createLog(settings.logLevel, settings.logger, this.redact),
    };
    const agent = userAgent();
    this.#api = createApi(settings.baseUrl, {
      ...(agent && { 'user-agent': agent }),
      ...settings.defaultHeaders,
      // Last: no default header can replace it.
      Authorization: `ApiKey ${settings.apiKey}`,
    });
  }

  /**
   * One typed call: `send` makes the low-level call with `init(params, body)` (which validates
   * every path id and the body first), and `read` turns the parsed body into the result: the
   * name of the field of its `data` to return, a function, or nothing for a call that returns
   * nothing. Every failure has become a `ChatRoutesError` in the pipeline, so `read` only sees
   * good bodies.
   */
  call<B, K extends keyof EnvelopeData<B>>(
    options: RequestOptions | undefined,
    send: Send<B>,
    read: K,
  ): APIPromise<NonNullable<EnvelopeData<B>[K]>>;
  call<B, T>(
    options: RequestOptions | undefined,
    send: Send<B>,
    read: (body: B | undefined) => T,
  ): APIPromise<T>;
  call<B>(options: RequestOptions | undefined, send: Send<B>): APIPromise<void>;
  call(
    options: RequestOptions | undefined,
    send: Send<never>,
    read?: string | ((body: unknown) => unknown),
  ): APIPromise<unknown> {
    const result =
      typeof read === 'string'
        ? (body: unknown) => pick(body as { data?: Record<string, unknown> }, read)
        : (read ?? noResult);
    return new APIPromise(this.#exchange(options, send), result);
  }

  /**
   * The opener `MessageStream` calls for each (re-)open of `POST …/messages/stream`: the pipeline
   * retries what fails before the headers, and every open carries the same Idempotency-Key.
   * The body is encoded here, once: one JSON cannot encode throws now, before any request.
   */
  openStream(
    conversationId: string,
    body: SendMessageRequest,
    options: RequestOptions | undefined,
  ): OpenStreamResponse {
    const encoded = encodeJson('data', body);
    const call = { ...options, idempotencyKey: options?.idempotencyKey ?? newIdempotencyKey() };
    return async (signal) => {
      const { response } = await this.#exchange(call, (api, init) => {
        const base = init({ path: { conversationId } });
        return api.POST('/conversations/{conversationId}/messages/stream', {
          ...base,
          signal,
          headers: { ...base.headers, accept: 'text/event-stream' },
          body: encoded as Json<SendMessageRequest>,
        });
      });
      return response;
    };
  }

  /** The client's settings a call may read (never the key). */
  get settings(): Readonly<{
    baseUrl: string;
    timeout: number;
    retryAttempts: number;
    retryDelay: number;
  }> {
    const { baseUrl, timeout, retryAttempts, retryDelay } = this.#settings;
    return { baseUrl, timeout, retryAttempts, retryDelay };
  }

  // Async: a refused argument rejects the call's promise rather than throwing at the call.
  async #exchange<B>(options: RequestOptions | undefined, send: Send<B>): Promise<Exchange> {
    const pipeline =
      options === undefined
        ? this.#pipeline
        : { ...this.#pipeline, ...resolveCallSettings(this.#pipeline, options) };
    const headers: Record<string, string> = { ...options?.headers };
    if (options?.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    const signal = options?.signal;
    const init = (params: CallParams, body?: object) => {
      if (params.path) requireIds(params.path);
      return {
        params,
        body: body === undefined ? undefined : encodeJson('data', requireObject('data', body)),
        headers,
        signal,
        pipeline,
      };
    };
    return send(this.#api, init as InitBuilder);
  }
}
