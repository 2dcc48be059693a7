import {
  type ExportedMessageRepository,
  fromThreadMessageLike,
  type ThreadMessage,
} from '@assistant-ui/react';
import type { ContextInfo } from 'chatroutes';
import type { ConversationSnapshot, ExchangeSuggestions, PathEntry } from 'chatroutes/store';

/**
 * What a message carries for ChatRoutes in assistant-ui's `message.metadata.custom`: read it
 * with `useMessage((m) => m.metadata.custom as ChatRoutesMessageMetadata)`.
 */
export interface ChatRoutesMessageMetadata {
  /** Where the message is: `stored` on the server, `sending` / `streaming` in progress, `unsaved` after a stop. */
  readonly status: PathEntry['status'];
  /** The branch the message was written on. */
  readonly branchId: string | undefined;
  /** For an assistant reply: the model that wrote it (after `compare`, each version's own). */
  readonly model: string | undefined;
  /** For a stored reply: what its context was built from (a checkpoint, a truncation). */
  readonly context: ContextInfo | undefined;
  /** On the last reply, once asked for with `store.suggestBranches()`: where it could branch. */
  readonly suggestions: ExchangeSuggestions | undefined;
}

/** The id assistant-ui knows an entry by: the server's once stored, the store's key before. */
export const threadMessageId = (entry: PathEntry): string =>
  entry.status === 'stored' ? entry.message.id : entry.key;

const STATUS = {
  stored: { type: 'complete', reason: 'stop' },
  sending: { type: 'running' },
  streaming: { type: 'running' },
  unsaved: { type: 'incomplete', reason: 'cancelled' },
} as const;

/**
 * The store's path as assistant-ui's message repository. Each entry becomes one message,
 * made again only when the store made a new entry (the store keeps unchanged entries, so
 * unchanged messages keep their object while a reply streams). At a divergence the other
 * versions are stand-ins (the store reads their text only when one is shown): they give
 * the BranchPicker the server's "k / n", and picking one asks the store for that version.
 */
export class ThreadMessages {
  readonly #messages = new WeakMap<PathEntry, ThreadMessage>();
  readonly #versions = new WeakMap<ThreadMessage, readonly ThreadMessage[]>();
  // Stand-in id → the store action that shows its version; for the repository last made.
  #switches = new Map<string, () => unknown>();

  /** The repository of a snapshot: the path, with the versions at each divergence. */
  repository(
    snapshot: ConversationSnapshot,
    show: (key: string, forward: boolean) => unknown,
  ): ExportedMessageRepository {
    const messages: ExportedMessageRepository['messages'] = [];
    const switches = new Map<string, () => unknown>();
    let parentId: string | null = null;
    for (const entry of snapshot.path) {
      const suggestions =
        snapshot.suggestions?.messageId === entry.message.id ? snapshot.suggestions : undefined;
      const message = this.#message(entry, suggestions);
      const shown = entry.alternatives?.index ?? 0;
      this.#atPosition(entry, message).forEach((version, index) => {
        messages.push({ message: version, parentId });
        if (index !== shown) switches.set(version.id, () => show(entry.key, index > shown));
      });
      parentId = message.id;
    }
    this.#switches = switches;
    return { headId: parentId, messages };
  }

  /**
   * assistant-ui shows another version (a BranchPicker click): `path` is the path it shows
   * now, ending at the stand-in picked. Asks the store for that version.
   */
  switchTo(path: readonly ThreadMessage[]): void {
    for (const message of path) this.#switches.get(message.id)?.();
  }

  #message(entry: PathEntry, suggestions: ExchangeSuggestions | undefined): ThreadMessage {
    const cached = this.#messages.get(entry);
    if (cached && cached.metadata.custom.suggestions === suggestions) return cached;
    const { message } = entry;
    const custom: ChatRoutesMessageMetadata = {
      status: entry.status,
      branchId: message.branchId ?? undefined,
      model: message.metadata?.model,
      context: entry.context,
      suggestions,
    };
    const converted = fromThreadMessageLike(
      {
        id: threadMessageId(entry),
        role: message.role,
        content: [{ type: 'text', text: message.content }],
        createdAt: new Date(message.createdAt),
        metadata: { custom: { ...custom } },
      },
      entry.key,
      STATUS[entry.status],
    );
    this.#messages.set(entry, converted);
    return converted;
  }

  /** The versions at an entry's position, oldest first: the shown one among stand-ins. */
  #atPosition(entry: PathEntry, message: ThreadMessage): readonly ThreadMessage[] {
    const alternatives = entry.alternatives;
    if (!alternatives) return [message];
    let versions = this.#versions.get(message);
    if (!versions) {
      versions = Array.from({ length: alternatives.count }, (_, index) =>
        index === alternatives.index
          ? message
          : fromThreadMessageLike(
              // An id of its own for each shown message, so that assistant-ui's repository,
              // which keeps the order it first saw, never reorders the stand-ins.
              { id: `${message.id}~${index + 1}`, role: message.role, content: '' },
              message.id,
              STATUS.stored,
            ),
      );
      this.#versions.set(message, versions);
    }
    return versions;
  }
}
