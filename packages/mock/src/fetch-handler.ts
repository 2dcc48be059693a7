import type { TransportBindings } from './http/env.js';

type Handle = (request: Request, transport: TransportBindings) => Promise<Response>;

/**
 * Wraps the app as a drop-in `fetch`, with a real `fetch`'s failure modes: a `reset` fault
 * rejects with a `TypeError` as a dropped connection would, and aborting the request's
 * signal rejects the call, or errors the body if it is already being read.
 */
export function createFetchHandler(handle: Handle): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const { signal } = request;
    signal.throwIfAborted();
    let reset = false;
    const response = await untilAbort(
      handle(request, {
        resetConnection: () => {
          reset = true;
        },
      }),
      signal,
    );
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

function abortableBody(response: Response, signal: AbortSignal): Response {
  const reader = response.body?.getReader();
  if (!reader) return response;
  const body = new ReadableStream<Uint8Array>({
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
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
