const encoder = new TextEncoder();

/** One Server-Sent Event carrying `data` on a single `data:` line. */
export function sseEvent(data: string): Uint8Array {
  return encoder.encode(`data: ${data}\n\n`);
}

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  // Tells reverse proxies not to buffer the stream, so that events arrive as written.
  'x-accel-buffering': 'no',
} as const;

/**
 * A streaming response whose events come from `events`, one network write per event, as
 * they are produced. When the client goes away the generator is closed, so work stops.
 */
export function sseResponse(events: AsyncGenerator<string>, status = 200): Response {
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await events.next();
        if (next.done) controller.close();
        else controller.enqueue(sseEvent(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  return new Response(body, { status, headers: SSE_HEADERS });
}

/**
 * Resolves after `ms`, or at once when `signal` aborts (the caller then checks it). A zero
 * pace needs no timer: a pull-based stream already waits for its reader between events.
 */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
