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

/**
 * Runs `request` through `middleware` in order, `send` at the end of the chain. What each
 * middleware returns is checked at once: anything but a `Response` (`undefined` from a
 * forgotten `return`, a plain object) fails the call with a `TypeError` naming the middleware,
 * rather than as a confusing failure further on.
 */
export function runMiddleware(
  middleware: readonly Middleware[],
  request: Request,
  send: (request: Request) => Promise<Response>,
): Promise<Response> {
  const step = async (index: number, current: Request): Promise<Response> => {
    const layer = middleware[index];
    if (!layer) return send(current);
    const response: unknown = await layer(current, (next) => step(index + 1, next));
    if (!isResponse(response)) {
      throw new TypeError(
        `options.middleware[${index}] returned ${describe(response)}, not a Response: no Response came back for ${current.method} ${current.url}`,
      );
    }
    return response;
  };
  return step(0, request);
}

/**
 * A `Response` of any realm: a custom `fetch` (undici's, a polyfill) may build its own class,
 * so this checks what the pipeline reads rather than `instanceof`.
 */
function isResponse(value: unknown): value is Response {
  const candidate = value as Partial<Response> | null | undefined;
  return (
    typeof candidate?.status === 'number' &&
    typeof candidate.headers?.get === 'function' &&
    typeof candidate.text === 'function'
  );
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
