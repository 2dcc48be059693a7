import type { UIMessageChunk } from 'ai';
import type { ConversationStore } from 'chatroutes/store';
import { type ChatRoutesMessageMetadata, metadataOf } from './ui-messages.js';

/** The chunks a `useChat` reply is made of, with ChatRoutes' metadata. */
export type ChatRoutesUIMessageChunk = UIMessageChunk<ChatRoutesMessageMetadata>;

const TEXT = { id: 'text' } as const;

/**
 * One reply as `useChat` reads it while `action` (a send, edit or regenerate of `store`) runs:
 * `start`, `text-start`, one `text-delta` per content chunk as it arrives, `text-end`; then
 * `finish` with the stored reply's metadata, or an `error` chunk with the action's error (the
 * store's actions never throw). `settled` runs when the chat asks for what follows `finish`:
 * by then it has written the reply, so its messages can be replaced.
 *
 * The store must publish every chunk at once (`throttle: 0`): each change is one chunk.
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
    const text = live?.status === 'streaming' ? live.message.content : '';
    if (text.length <= streamed) return;
    deltas.push(text.slice(streamed));
    streamed = text.length;
    wake?.();
  });
  try {
    yield { type: 'start' };
    yield { type: 'text-start', ...TEXT };
    void action().finally(() => {
      ended = true;
      wake?.();
    });
    for (let delta = deltas.shift(); delta !== undefined || !ended; delta = deltas.shift()) {
      if (delta !== undefined) yield { type: 'text-delta', ...TEXT, delta };
      else await new Promise<void>((resolve) => (wake = resolve));
    }
    yield { type: 'text-end', ...TEXT };
    const { error, path } = store.getSnapshot();
    const reply = path.at(-1);
    if (error) {
      yield { type: 'error', errorText: error.message };
    } else if (reply?.status === 'stored' && reply.message.role === 'assistant') {
      // Else the chat stopped the reply, and it was not stored.
      yield { type: 'finish', messageMetadata: metadataOf(reply.message) };
      settled();
    }
  } finally {
    unsubscribe();
  }
}
