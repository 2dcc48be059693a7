// An SSE line longer than any reply the API sends; past it the relay stops looking at the
// stream, never passing it on.
const MAX_LINE_CHARS = 1024 * 1024;
const MAX_DEPTH = 16;

/**
 * The ids of the messages, branches and checkpoints an answer shows as part of
 * `conversationId` (camelCase `conversationId`, or the checkpoints' `conversation_id`), and
 * the parents of those messages. Only records that name that conversation count: the answer
 * was to a request on it, so nothing can make the relay file another conversation's id
 * under it.
 */
export function idsIn(value: unknown, conversationId: string, found: string[] = []): string[] {
  const walk = (item: unknown, depth: number): void => {
    if (typeof item !== 'object' || item === null || depth > MAX_DEPTH) return;
    const record = item as Record<string, unknown>;
    if (record.conversationId === conversationId || record.conversation_id === conversationId) {
      for (const id of [record.id, record.parentMessageId]) {
        if (typeof id === 'string') found.push(id);
      }
    }
    for (const key in record) walk(record[key], depth + 1);
  };
  walk(value, 0);
  return found;
}

/**
 * `body` unchanged, each read handed on as it arrives, while its `data:` lines are read on the
 * side for the ids of the reply. A read that completes such a line is handed on only once
 * `learn` has recorded them, so the browser can act on the reply the moment it has it. The
 * API writes one JSON object per `data:` line, so a line reader is enough here: the browser's
 * client parses the stream itself, and the relay stays small. Cancelling the result cancels
 * `body`, so a browser that goes away ends the upstream request.
 */
export function tapStream(
  body: ReadableStream<Uint8Array>,
  conversationId: string,
  learn: (ids: string[]) => Promise<void>,
): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  let pending = '';
  return body.pipeThrough(
    new TransformStream({
      async transform(chunk, controller) {
        if (pending.length <= MAX_LINE_CHARS) {
          const lines = (pending + decoder.decode(chunk, { stream: true })).split(/\r\n|\r|\n/);
          pending = lines.pop() as string;
          const ids: string[] = [];
          for (const line of lines) {
            if (!line.startsWith('data:')) continue;
            try {
              idsIn(JSON.parse(line.slice(5)), conversationId, ids);
            } catch {
              // `[DONE]` and anything that is not JSON carry no ids.
            }
          }
          // A store that fails to record them only means the ids answer "not found" later,
          // never that the stream fails.
          if (ids.length > 0) await learn(ids).catch(() => undefined);
        }
        controller.enqueue(chunk);
      },
    }),
  );
}
