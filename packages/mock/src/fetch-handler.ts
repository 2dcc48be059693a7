import type { TransportBindings } from './http/env.js';

type Handle = (request: Request, transport: TransportBindings) => Promise<Response>;

/**
 * Wraps the app as a drop-in `fetch`, with a real `fetch`'s failure modes: a `reset` fault
 * rejects with a `TypeError` as a dropped connection would, and aborting the request's
 * signal rejects the call, or errors the body if it is already being read. Like a real
 * fetch's open socket, a pending answer keeps the process alive: a script awaiting a
 * stalled request waits for it (or its signal) instead of exiting with code 13.
 */
export function createFetchHandler(handle: Handle): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const { signal } = request;
    signal.throwIfAborted();
    let reset = false;
    const release = holdProcess();
    const response = await untilAbort(
      handle(request, {
        resetConnection: () => {
          reset = true;
        },
      }),
      signal,
    ).finally(release);
    if (reset) {
      await response.body?.cancel();
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      });
    }
    return abortableBody(response, signal);
  };
}

function untilAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Keeps the event loop alive until released, as a socket waiting for data does; nothing in
 * the mock's in-memory work would otherwise hold it (a stalled answer is a bare promise).
 */
function holdProcess(): () => void {
  const timer = setInterval(() => {}, 2 ** 30);
  return () => clearInterval(timer);
}

function abortableBody(response: Response, signal: AbortSignal): Response {
  const reader = response.body?.getReader();
  if (!reader) return response;
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        signal.addEventListener(
          'abort',
          () => {
            controller.error(signal.reason);
            reader.cancel(signal.reason).catch(() => {});
          },
          { once: true },
        );
      },
      async pull(controller) {
        // Held only while the caller waits for bytes: an unread body does not keep it alive.
        const release = holdProcess();
        const next = await reader.read().finally(release);
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    // Pull only when the caller reads, so that a hold always has a reader waiting behind it.
    { highWaterMark: 0 },
  );
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
