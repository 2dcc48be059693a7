/**
 * What openapi-fetch builds for each call in place of a `Request` (it takes the class as its
 * `Request` option): the same fields, without what a real one costs (its own `AbortSignal`,
 * a body stream, header validation), which the pipeline would only take apart again. A real
 * `Request` is made per attempt only when middleware asks for one.
 * @internal
 */
export class OutgoingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /** openapi-fetch serialises JSON bodies to a string. */
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;

  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.method = init.method ?? 'GET';
    this.headers = init.headers as Headers;
    this.body = init.body as string | undefined;
    this.signal = init.signal ?? undefined;
  }
}
