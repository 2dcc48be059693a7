import { untilAborted } from './waits.js';

/**
 * Passes the first `count` events (one chunk each) of a stream through, then either ends
 * the stream early (`cut`) or sends nothing more until the client leaves or the mock
 * closes (`stall`). The original stream is cancelled, so it stores no reply.
 */
export function truncateEvents(
  response: Response,
  count: number,
  mode: 'cut' | 'stall',
  stop: AbortSignal,
): Response {
  const reader = response.body?.getReader();
  let passed = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!reader) return controller.close();
      if (passed < count) {
        const next = await reader.read();
        if (next.done) return controller.close();
        passed += 1;
        return controller.enqueue(next.value);
      }
      if (mode === 'stall') await untilAborted(stop);
      await reader.cancel();
      controller.close();
    },
    async cancel() {
      await reader?.cancel();
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
}

/** The first half of a JSON body: a 2xx that is not the documented JSON. */
export async function truncateBody(response: Response): Promise<Response> {
  const text = await response.text();
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(text.slice(0, Math.floor(text.length / 2)), {
    status: response.status,
    headers,
  });
}
