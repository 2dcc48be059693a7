import { seededRandom } from '@chatroutes/fixtures';

/** The same deterministic reply for every contender: content deltas, `complete`, `[DONE]`. */
const encoder = new TextEncoder();
const words = ['the', 'branch', 'checkpoint', 'résumé', 'über', '日本語', 'emoji 🎉', 'token', ','];

/** One content delta as an SSE event. */
export function contentEvent(delta: string): string {
  return `data: ${JSON.stringify({ type: 'content', content: delta })}\n\n`;
}

export function completeEvent(text: string, completionTokens: number): string {
  const message = {
    id: 'msg_1',
    conversationId: 'conv_1',
    branchId: null,
    role: 'assistant',
    content: text,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  const usage = { promptTokens: 10, completionTokens, totalTokens: completionTokens + 10 };
  return `data: ${JSON.stringify({ type: 'complete', message, usage, model: 'gpt-5' })}\n\n`;
}

export const DONE_EVENT = 'data: [DONE]\n\n';

/** A reply of `contentEvents` deltas, then its `complete` chunk and `[DONE]`. */
export function replyBytes(contentEvents: number): Uint8Array {
  const random = seededRandom(42);
  const parts: string[] = [];
  let text = '';
  for (let index = 0; index < contentEvents; index++) {
    // Mixed ASCII, accents, CJK and emoji, so UTF-8 characters are split across reads too.
    const delta = ` ${words[Math.floor(random() * words.length)]}`;
    text += delta;
    parts.push(contentEvent(delta));
  }
  parts.push(completeEvent(text, contentEvents), DONE_EVENT);
  return encoder.encode(parts.join(''));
}

/** Cuts the bytes into reads of exactly `size` bytes (the last one shorter), across lines and characters. */
export function splitIntoReads(bytes: Uint8Array, size: number): Uint8Array[] {
  const reads: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += size) {
    reads.push(bytes.subarray(start, start + size));
  }
  return reads;
}

/** A streamed `text/event-stream` Response that hands out the given reads one by one. */
export function responseOf(reads: readonly Uint8Array[]): Response {
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const read = reads[next++];
      if (read) controller.enqueue(read);
      else controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}
