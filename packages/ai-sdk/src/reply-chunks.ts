import type { UIMessageChunk } from 'ai';
import type { ConversationStore } from 'chatroutes/store';
import { finishReasonOf } from './finish-reason.js';
import { type ChatRoutesMessageMetadata, metadataOf } from './ui-messages.js';

/** The chunks a `useChat` reply is made of, with ChatRoutes' metadata. */
export type ChatRoutesUIMessageChunk = UIMessageChunk<ChatRoutesMessageMetadata>;

const TEXT_ID = 'text';

/**
 * One reply as `useChat` reads it while `action` (a send, edit or regenerate of `store`) runs:
 * `start`; `text-start`, one `text-delta` per content chunk as it arrives, `text-end`; then
 * `finish` with the stored reply's metadata, or an `error` chunk with the action's error (the
 * store's actions never throw). `settled` runs when the chat asks for what follows `finish`:
 * by then it has written the reply, so its messages can be replaced.
 *
 * The store must flush on every chunk (`throttle: 0`), so each of its changes is one chunk.
 */
export async function* replyChunks(
  store: ConversationStore,
  action: () => Promise<void>,
  settled: () => void,
): AsyncGenerator<ChatRoutesUIMessageChunk> {
  const deltas: string[] = [];
  let streamed = 0;
  let ended = false;
  let wake: (() => void) | undefined;
  const unsubscribe = store.subscribe(() => {
    const live = store.getSnapshot().path.at(-1);
    if (live?.status !== 'streaming' || live.message.content.length <= streamed) return;
    deltas.push(live.message.content.slice(streamed));
    streamed = live.message.content.length;
    wake?.();
  });
  let textStarted = false;
  const textStart = (): ChatRoutesUIMessageChunk => {
    textStarted = true;
    return { type: 'text-start', id: TEXT_ID };
  };
  try {
    yield { type: 'start' };
    void action().finally(() => {
      ended = true;
      wake?.();
    });
    for (;;) {
      const delta = deltas.shift();
      if (delta !== undefined) {
        if (!textStarted) yield textStart();
        yield { type: 'text-delta', id: TEXT_ID, delta };
      } else if (ended) {
        break;
      } else {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    }
    const { error, path } = store.getSnapshot();
    const reply = path.at(-1);
    if (error) {
      if (textStarted) yield { type: 'text-end', id: TEXT_ID };
      yield { type: 'error', errorText: error.message };
      return;
    }
    // A stopped reply (the chat aborted) ends here; it is not stored.
    if (reply?.status !== 'stored' || reply.message.role !== 'assistant') return;
    if (!textStarted) yield textStart();
    // Text the store published only with the stored reply (a reply replayed at once).
    const rest = reply.message.content.slice(streamed);
    if (rest) yield { type: 'text-delta', id: TEXT_ID, delta: rest };
    yield { type: 'text-end', id: TEXT_ID };
    yield {
      type: 'finish',
      finishReason: finishReasonOf(reply.message),
      messageMetadata: metadataOf(reply.message),
    };
    settled();
  } finally {
    unsubscribe();
  }
}

/**
 * A stream that asks `chunks` for each chunk only when its reader wants one (no read-ahead),
 * so the code after a `yield` runs once the reader took that chunk and asked for more.
 * `onCancel` runs when the reader cancels, before the generator is closed.
 */
export function pullStream<T>(chunks: AsyncGenerator<T>, onCancel?: () => void): ReadableStream<T> {
  return new ReadableStream<T>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        onCancel?.();
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
