import { buildUrl, type SendMessageRequest } from '@chatroutes/fetch/contract';
import { APIPromise, type RoundTrip } from '../core/api-promise.js';
import { createLog } from '../core/logging.js';
import { type ClientSettings, type RequestOptions, resolveCallSettings } from '../core/options.js';
import type { OpenStreamResponse } from '../core/stream-response.js';
import { type HeaderValues, setHeaders, type TypedRequest, type TypedRoundTrip } from './api.js';
import { pick } from './envelope.js';
import { newIdempotencyKey, type PipelineSettings, sendRequest } from './pipeline.js';
import { userAgent } from './platform.js';
import { createRedactor, type Redact } from './redact.js';
import { encodeJson, requireIds, requireObject } from './validate.js';

/** Makes one typed call with `request`; the round trip it resolves to is the call's. */
export type Send<B> = (request: TypedRequest) => Promise<TypedRoundTrip<B>>;

/** The `data` of a `{ success, data }` body. */
type EnvelopeData<B> = NonNullable<B extends { data?: infer D } ? D : never>;

const noResult = () => undefined;

/**
 * Carries every call of every resource: the spec's typed calls, sent by the request pipeline
 * with the call's `RequestOptions` applied. The API key lives only inside the calls' headers
 * and the redaction closure, never on a readable field.
 */
export class Transport {
  readonly #settings: ClientSettings;
  /** Sent with every call, before the call's own; they carry the API key. */
  readonly #headers: HeaderValues;
  readonly #pipeline: PipelineSettings;
  /** Removes the API key from anything the server sent back, before an error or log shows it. */
  readonly redact: Redact;

  constructor(settings: ClientSettings) {
    this.#settings = settings;
    this.redact = createRedactor(settings.apiKey);
    // Private as the settings are: what the pipeline reads of them, and what it adds.
    this.#pipeline = {
      ...settings,
      redact: this.redact,
      log: createLog(settings.logLevel, settings.logger, this.redact),
    };
    const agent = userAgent();
    this.#headers = {
      ...(agent && { 'user-agent': agent }),
      ...settings.defaultHeaders,
      // Last: no default header can replace it. None for a relay, which adds its own.
      Authorization: settings.apiKey && `ApiKey ${settings.apiKey}`,
    };
  }

  /**
   * One typed call: `send` makes the low-level call with `request` (which validates every path
   * id and the body first), and `read` turns the parsed body into the result: the
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
    return new APIPromise(this.#roundTrip(options, send), result);
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
    // Encoded now, so that a body JSON cannot encode throws before any request, and every
    // open sends the body as it was when the stream was asked for.
    const snapshot = JSON.parse(encodeJson('data', body)) as SendMessageRequest;
    const key = options?.idempotencyKey ?? newIdempotencyKey();
    return async (signal) => {
      const call = {
        ...options,
        idempotencyKey: key,
        signal,
        headers: { ...options?.headers, accept: 'text/event-stream' },
      };
      const { response } = await this.#roundTrip(call, (request) =>
        request(
          'post',
          '/conversations/{conversationId}/messages/stream',
          { path: { conversationId } },
          snapshot,
        ),
      );
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
  async #roundTrip<B>(options: RequestOptions | undefined, send: Send<B>): Promise<RoundTrip> {
    const pipeline =
      options === undefined
        ? this.#pipeline
        : { ...this.#pipeline, ...resolveCallSettings(this.#pipeline, options) };
    const callHeaders: Record<string, string> = { ...options?.headers };
    if (options?.idempotencyKey !== undefined) {
      callHeaders['idempotency-key'] = options.idempotencyKey;
    }
    const request = (
      method: string,
      path: string,
      params: { path?: Record<string, string>; query?: object },
      body?: object,
    ) => {
      if (params.path) requireIds(params.path);
      const json = body === undefined ? undefined : encodeJson('data', requireObject('data', body));
      const headers = new Headers();
      if (json !== undefined) headers.set('content-type', 'application/json');
      setHeaders(headers, this.#headers);
      setHeaders(headers, callHeaders);
      return sendRequest(
        {
          url: buildUrl(this.#settings.baseUrl, path as never, params as never),
          method: method.toUpperCase(),
          headers,
          body: json,
          signal: options?.signal,
        },
        pipeline,
      );
    };
    return send(request as TypedRequest);
  }
}
