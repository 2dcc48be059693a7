import { createClient, type SendMessageRequest } from '@chatroutes/fetch';
import type { OpenStreamResponse } from '../streaming/message-stream.js';
import { APIPromise, type Exchange } from './api-promise.js';
import { createLog } from './logging.js';
import { type ClientSettings, type RequestOptions, resolveCallSettings } from './options.js';
import { OutgoingRequest } from './outgoing-request.js';
import { newIdempotencyKey, type PipelineSettings, sendRequest } from './pipeline.js';
import { userAgent } from './platform.js';
import { createRedactor, type Redact } from './redact.js';
import { encodeJson, requireIds, requireObject } from './validate.js';

/** The typed low-level client of `@chatroutes/fetch`. */
export type Api = ReturnType<typeof createClient>;

/**
 * What every low-level call receives on top of its own parameters. A type alias, not an
 * interface: openapi-fetch wants an object type with an implicit index signature.
 */
export type CallInit = {
  fetch: (request: Request) => Promise<Response>;
  signal?: AbortSignal;
  headers: Record<string, string>;
};

interface CallParams {
  path?: Record<string, string>;
  query?: object;
}

/** Makes a call's init from its parameters and body, once they are valid. */
export type InitBuilder = <P extends CallParams, B = undefined>(
  params: P,
  body?: B,
) => CallInit & { params: P; body: B };

/** Sends one typed low-level call; what it resolves to is ignored (the exchange has it all). */
export type Send<B> = (api: Api, init: InitBuilder) => Promise<{ data?: B }>;

/**
 * Carries every call of every resource: the low-level client, with the request pipeline as
 * its `fetch`, and the call's `RequestOptions` applied. The API key lives only inside the
 * low-level client's headers and the redaction closure, never on a readable field.
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
    this.#api = createClient({
      apiKey: settings.apiKey,
      baseUrl: settings.baseUrl,
      headers: { ...(agent && { 'user-agent': agent }), ...settings.defaultHeaders },
      // The pipeline reads only the fields of each request: a real Request would be built
      // and taken apart again on every call.
      Request: OutgoingRequest as unknown as typeof Request,
    });
  }

  /**
   * One typed call: `send` makes the low-level call with `init(params, body)` (which validates
   * every path id and the body first), and `read` turns the parsed body into the result. Every
   * failure has become a `ChatRoutesError` in the pipeline, so `read` only sees good bodies.
   */
  call<B, T>(
    options: RequestOptions | undefined,
    send: Send<B>,
    read: (body: B | undefined) => T,
  ): APIPromise<T> {
    return new APIPromise(this.#exchange(options, send), read as (body: unknown) => T);
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
        const base = init({ path: { conversationId } }, body);
        return api.POST('/conversations/{conversationId}/messages/stream', {
          ...base,
          signal,
          headers: { ...base.headers, accept: 'text/event-stream' },
          bodySerializer: () => encoded,
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

  async #exchange<B>(options: RequestOptions | undefined, send: Send<B>): Promise<Exchange> {
    const pipeline =
      options === undefined
        ? this.#pipeline
        : { ...this.#pipeline, ...resolveCallSettings(this.#pipeline, options) };
    let exchange: Exchange | undefined;
    const headers = { ...options?.headers };
    if (options?.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    const base = {
      fetch: async (request: Request) => {
        exchange = await sendRequest(request as unknown as OutgoingRequest, pipeline);
        return exchange.response;
      },
      headers,
      ...(options?.signal && { signal: options.signal }),
      // The pipeline has read and parsed the body: openapi-fetch must not read it again.
      parseAs: 'stream',
    };
    const init = (params: CallParams, body?: object) => {
      if (params.path) requireIds(params.path);
      if (body !== undefined) requireObject('data', body);
      return { ...base, params, body };
    };
    await send(this.#api, init as InitBuilder);
    // Set whenever `send` resolved: openapi-fetch resolves only after its `fetch` did.
    return exchange as Exchange;
  }
}
