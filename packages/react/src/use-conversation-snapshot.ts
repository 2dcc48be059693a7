import type { ConversationSnapshot, ConversationStore, PathEntry } from 'chatroutes/store';
import { useCallback, useSyncExternalStore } from 'react';
import { loadingSnapshot } from './loading-snapshot.js';

const noSubscription = () => () => {};
const whole = <T>(snapshot: ConversationSnapshot) => snapshot as T;
// Until a store exists: one loading value, the same on every render.
const noStore = loadingSnapshot(undefined);

/**
 * The store's snapshot, or the part of it `selector` picks, re-rendering only when that part
 * changes. The store keeps unchanged parts identical, so select parts (`s => s.path`,
 * `s => s.streaming`), never new objects built from them (which would change every time).
 */
export function useConversationSnapshot<T = ConversationSnapshot>(
  store: ConversationStore | undefined,
  selector: (snapshot: ConversationSnapshot) => T = whole,
): T {
  const subscribe = store ? store.subscribe : noSubscription;
  const read = useCallback(
    () => selector(store ? store.getSnapshot() : noStore),
    [store, selector],
  );
  return useSyncExternalStore(subscribe, read, read);
}

/**
 * One entry of the path by its key: a message component that reads its entry this way
 * re-renders only when that message changes (a streaming reply re-renders alone).
 */
export function usePathEntry(
  store: ConversationStore | undefined,
  key: string,
): PathEntry | undefined {
  const select = useCallback(
    (snapshot: ConversationSnapshot) => snapshot.path.find((entry) => entry.key === key),
    [key],
  );
  return useConversationSnapshot(store, select);
}
