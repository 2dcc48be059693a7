import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
export function startEventStream(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.flushHeaders();
}

/**
 * Writes `bytes` cut at `offsets`, letting the event loop turn between writes so that each
 * piece leaves in its own TCP segment and reaches the client as its own read.
 */
export async function writeInPieces(
  response: ServerResponse,
  bytes: Uint8Array,
  offsets: number[],
  pause = 1,
): Promise<void> {
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    if (offset > start) {
      response.write(bytes.subarray(start, offset));
      await delay(pause);
    }
    start = offset;
  }
}

/** The SSE bytes of `chunks`: one `data:` event each, then `[DONE]`, with the given line end. */
export function sseBody(chunks: unknown[], { lineEnd = '\n', done = true } = {}): Uint8Array {
  const events = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}${lineEnd}${lineEnd}`);
  if (done) events.push(`data: [DONE]${lineEnd}${lineEnd}`);
  return new TextEncoder().encode(events.join(''));
}

export const content = (text: string) => ({ type: 'content', content: text });

export const assistantMessage = (text: string) => ({
  id: 'msg_reply',
  conversationId: 'conv_x',
  branchId: null,
  role: 'assistant',
  content: text,
  createdAt: '2026-01-01T00:00:00.000Z',
});

export const complete = (text: string) => ({
  type: 'complete',
  message: assistantMessage(text),
  usage: { promptTokens: 12, completionTokens: 5, totalTokens: 17 },
  model: 'gpt-5-2025-08-07',
});
