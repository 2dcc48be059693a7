import { createClient, type SendMessageRequest } from '@chatroutes/fetch';
import type { OpenStreamResponse } from '../streaming/message-stream.js';
import { type ClientSettings, type RequestOptions, resolveCallSettings } from './options.js';
import { createRedactor, type Redact } from './redact.js';
import { createRetryingFetch, newIdempotencyKey, type RequestFetch } from './retrying-fetch.js';
import { encodeJson, requireIds, requireObject } from './validate.js';

/** The typed low-level client of `@chatroutes/fetch`. */
export type Api = ReturnType<typeof createClient>;

/**
 * What every low-level call receives on top of its own parameters. A type alias, not an
 * interface: openapi-fetch wants an object type with an implicit index signature.
 */
export type CallInit = {
  fetch: RequestFetch;
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

/**
 * Carries every call of every resource: the low-level client, with the request pipeline as
 * its `fetch`, and the call's `RequestOptions` applied. The API key lives only inside the
 * low-level client's headers and the pipeline's redaction closure, never on a readable field.
 */
export class Transport {
  readonly #settings: ClientSettings;
  readonly #api: Api;
  readonly #fetch: RequestFetch;
  /** Removes the API key from anything the server sent back, before an error or log shows it. */
  readonly redact: Redact;

  constructor(settings: ClientSettings) {
    this.#settings = settings;
    this.redact = createRedactor(settings.apiKey);
    this.#fetch = createRetryingFetch({ ...settings, redact: this.redact });
    this.#api = createClient({
      apiKey: settings.apiKey,
      baseUrl: settings.baseUrl,
      headers: settings.defaultHeaders,
      fetch: this.#fetch,
    });
  }

  /**
   * Sends one typed request and returns its parsed body: every failure has already become a
   * `ChatRoutesError` in the pipeline, so here a body is always a good one. `send` builds the
   * call's init with `init(params, body)`, which validates every path id and the body first.
   */
  async request<T>(
    options: RequestOptions | undefined,
    send: (api: Api, init: InitBuilder) => Promise<{ data?: T; response: Response }>,
  ): Promise<T | undefined> {
    const base = this.#init(options);
    const init = (params: CallParams, body?: object) => {
      if (params.path) requireIds(params.path);
      if (body !== undefined) requireObject('data', body);
      return { ...base, params, body };
    };
    const { data } = await send(this.#api, init as InitBuilder);
    return data;
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
    const init = this.#init({
      ...options,
      idempotencyKey: options?.idempotencyKey ?? newIdempotencyKey(),
    });
    return async (signal) => {
      const { response } = await this.#api.POST('/conversations/{conversationId}/messages/stream', {
        ...init,
        signal,
        headers: { ...init.headers, accept: 'text/event-stream' },
        params: { path: { conversationId } },
        body,
        bodySerializer: () => encoded,
        parseAs: 'stream',
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

  #init(options: RequestOptions | undefined): CallInit {
    if (options === undefined) return { fetch: this.#fetch, headers: {} };
    const call = resolveCallSettings(this.#settings, options);
    const overridden =
      call.timeout !== this.#settings.timeout ||
      call.retryAttempts !== this.#settings.retryAttempts ||
      call.retryDelay !== this.#settings.retryDelay;
    const headers = { ...options.headers };
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    return {
      fetch: overridden ? createRetryingFetch({ ...call, redact: this.redact }) : this.#fetch,
      headers,
      ...(options.signal && { signal: options.signal }),
    };
  }
}
