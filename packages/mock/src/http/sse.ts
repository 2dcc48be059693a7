/** One Server-Sent Event carrying `data` on a single `data:` line. */
export function sseEvent(data: string): string {
  return `data: ${data}\n\n`;
}

/** The event that ends every stream of the API, after its `complete` chunk. */
export const SSE_DONE = sseEvent('[DONE]');

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  // Tells reverse proxies not to buffer the stream, so that events arrive as written.
  'x-accel-buffering': 'no',
} as const;

export function isEventStream(response: Response): boolean {
  return response.headers.get('content-type')?.startsWith('text/event-stream') === true;
}
