/**
 * What the pipeline sends: the fields of a `Request`, without what a real one costs (its own
 * `AbortSignal`, a body stream, header validation), which the pipeline would only take apart
 * again. A real `Request` is made per attempt only when middleware asks for one.
 * @internal
 */
export interface OutgoingRequest {
  readonly url: string;
  readonly method: string;
  /** A fresh `Headers` per call: the pipeline may add to it (the Idempotency-Key). */
  readonly headers: Headers;
  /** The JSON text of the body. */
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;
}
