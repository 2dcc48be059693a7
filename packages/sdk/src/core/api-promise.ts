/** What one HTTP round trip of a call came to, as the request pipeline hands it over. */
export interface RoundTrip {
  /** The final response, after retries; its body has already been read (see `text`). */
  response: Response;
  /** The body as it arrived, or `null` for a body-less answer (204) or a stream. */
  text: string | null;
  /** The parsed JSON body (`undefined` without a body). */
  body: unknown;
  /** The response's `x-request-id`, redacted. */
  requestId: string | undefined;
}

/** `.withResponse()`: the result together with the HTTP response it came from. */
export interface WithResponse<T> {
  /** What awaiting the call resolves to. */
  data: T;
  /** The HTTP response (its body has been read: use `.asResponse()` for a readable one). */
  response: Response;
  /** The `x-request-id` of the response, to quote when contacting support. */
  requestId: string | undefined;
}

/**
 * What every method returns: a promise of its result (await it, `.then`, `.catch`) that also
 * gives access to the HTTP response behind it, as openai-node's `APIPromise` does:
 *
 * ```ts
 * const { data, response, requestId } = await client.conversations.get(id).withResponse();
 * const raw = await client.conversations.get(id).asResponse(); // body unread
 * ```
 *
 * Failures reject every form alike, with the same typed error. The request starts at once,
 * like any promise's work, whether or not the promise is awaited. It is a `Promise` (code
 * typed `Promise<Conversation>` keeps compiling) whose `then` follows the call, and so do
 * `catch` and `finally`, which the language defines through `then`.
 */
export class APIPromise<T> extends Promise<T> {
  readonly #roundTrip: Promise<RoundTrip>;
  // How the result is read out of the round trip's body; called once, when first needed.
  #read: (body: unknown) => T;
  #data: Promise<T> | undefined;

  /** @internal */
  constructor(roundTrip: Promise<RoundTrip>, read: (body: unknown) => T) {
    // The underlying promise is never read: `then`, `catch` and `finally` are replaced.
    super((resolve) => resolve(undefined as T));
    this.#roundTrip = roundTrip;
    this.#read = read;
  }

  /**
   * @internal The call `next` makes once `first` has resolved (helpers that chain calls):
   * its result and response are this one's; a failure of `first` is this one's failure.
   */
  static after<P, T>(first: Promise<P>, next: (value: P) => APIPromise<T>): APIPromise<T> {
    const chained: APIPromise<T> = new APIPromise(
      first.then((value) => {
        const call = next(value);
        chained.#read = call.#read;
        return call.#roundTrip;
      }),
      () => undefined as T,
    );
    return chained;
  }

  /** @internal This call, with its result transformed; the response stays the same. */
  map<U>(transform: (data: T) => U): APIPromise<U> {
    return new APIPromise(this.#roundTrip, (body) => transform(this.#read(body)));
  }

  /** The result, with the HTTP response and its request id. */
  async withResponse(): Promise<WithResponse<T>> {
    const roundTrip = await this.#roundTrip;
    return {
      data: await this.#result(),
      response: roundTrip.response,
      requestId: roundTrip.requestId,
    };
  }

  /**
   * The HTTP response of a successful call, its body unread (status, headers, `json()`,
   * `text()`…). A failed call rejects with its typed error, as awaiting it would.
   */
  async asResponse(): Promise<Response> {
    const { response, text } = await this.#roundTrip;
    if (text === null) return response;
    const { status, statusText, headers } = response;
    return new Response(text, { status, statusText, headers });
  }

  /**
   * Derived promises (`then`, `catch`…) are plain ones: without this, the engine would build
   * them with this constructor, which takes a round trip, not an executor.
   * @internal
   */
  static override get [Symbol.species]() {
    return Promise;
  }

  // biome-ignore lint/suspicious/noThenProperty: a promise of the result is the public API.
  override then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#result().then(onFulfilled, onRejected);
  }

  #result(): Promise<T> {
    this.#data ??= this.#roundTrip.then((roundTrip) => this.#read(roundTrip.body));
    return this.#data;
  }
}
