/**
 * A step around every HTTP attempt: it gets the `Request` about to be sent and `next`, which
 * sends a request on (to the next middleware, then `fetch`), and returns the `Response` the
 * call should see. It may change the request (a header, a refreshed key), answer on its own
 * without calling `next`, or call `next` more than once.
 *
 * Middleware runs inside the retry loop, once per attempt, so every attempt of a POST carries
 * the same `Idempotency-Key`; whatever it returns is checked and mapped to results and typed
 * errors like any response. An error it throws itself ends the call as it is, unretried.
 */
export type Middleware = (
  request: Request,
  next: (request: Request) => Promise<Response>,
) => Promise<Response>;

/** Runs `request` through `middleware` in order, `send` at the end of the chain. */
export function runMiddleware(
  middleware: readonly Middleware[],
  request: Request,
  send: (request: Request) => Promise<Response>,
): Promise<Response> {
  const step = (index: number, current: Request): Promise<Response> => {
    const layer = middleware[index];
    return layer ? layer(current, (next) => step(index + 1, next)) : send(current);
  };
  return step(0, request);
}
