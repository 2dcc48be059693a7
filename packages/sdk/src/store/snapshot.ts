import type {
  Branch,
  BranchSuggestion,
  ChatRoutesError,
  Checkpoint,
  ContextInfo,
  Conversation,
  Message,
} from '../index.js';

/** What the store is doing, named after the method that started it. */
export type StoreAction =
  | 'open'
  | 'send'
  | 'edit'
  | 'regenerate'
  | 'fork'
  | 'switch'
  | 'checkpoint'
  | 'suggest'
  | 'compare';

/**
 * The other versions at a position of the path, where branches diverge: the message shown
 * is version `index + 1` of `count`. `previousBranchId` / `nextBranchId` name the branch to
 * switch to for the neighbouring version (the one last shown there, else the branch that
 * version was written on); `undefined` at either end.
 */
export interface Alternatives {
  /** 0-based position of the shown version among the versions, oldest first. */
  readonly index: number;
  /** How many versions there are (at least 2). */
  readonly count: number;
  /** Where `showPrevious` goes; `undefined` on the first version. */
  readonly previousBranchId: string | undefined;
  /** Where `showNext` goes; `undefined` on the last version. */
  readonly nextBranchId: string | undefined;
}

/** One message of the path, with what a chat UI shows beside it. */
export interface PathEntry {
  /** A stable key for rendering lists: the message id, or a local one until it is stored. */
  readonly key: string;
  /** The message. While it is `sending` or `streaming` it is the store's local copy. */
  readonly message: Message;
  /**
   * `stored`: written on the server. `sending`: the user message of a reply in progress
   * (shown at once, optimistically). `streaming`: the reply text received so far.
   * `unsaved`: a reply that was stopped (and its question, if the server kept none of it):
   * shown as written until the next action, but not stored, so the model will not read it.
   */
  readonly status: 'stored' | 'sending' | 'streaming' | 'unsaved';
  /** The versions at this position, when there are several; else `undefined`. */
  readonly alternatives: Alternatives | undefined;
  /** For a stored assistant reply: what its context was built from (checkpoint, truncation). */
  readonly context: ContextInfo | undefined;
}

/** A branch in the branch tree, with the branches forked from it. */
export interface BranchNode {
  /** The branch at this node. */
  readonly branch: Branch;
  /** The branches forked from it, oldest first. */
  readonly children: readonly BranchNode[];
}

/** The AutoBranch suggestions for the last exchange of the path. */
export interface ExchangeSuggestions {
  /** The assistant reply that closes the exchange; forks from a suggestion start there. */
  readonly messageId: string;
  /** The text that was analysed (question and reply); `branchPoint` offsets point into it. */
  readonly text: string;
  /** The suggestions, most confident first. */
  readonly suggestions: readonly BranchSuggestion[];
}

/**
 * What the store holds, as one immutable value. A new snapshot is made for every change;
 * everything that did not change keeps its object identity, down to each `PathEntry`, so a
 * UI can skip rendering what is the same (`React.memo`, `useSyncExternalStore` selectors).
 */
export interface ConversationSnapshot {
  /** The id of the conversation the store was made for. */
  readonly conversationId: string;
  /** `loading` until the first read completes, `error` when it failed, then `ready`. */
  readonly status: 'loading' | 'ready' | 'error';
  /** The conversation's fields (title, model, dates), without its messages and branches. */
  readonly conversation: Conversation | undefined;
  /** Every branch, the main branch first, then oldest first. */
  readonly branches: readonly Branch[];
  /** The branches as a tree: the main branch at the root, forks under their parent. */
  readonly tree: readonly BranchNode[];
  /** The branch whose messages `path` shows. */
  readonly activeBranchId: string | undefined;
  /** The messages of the active branch, oldest first, with a reply in progress at the end. */
  readonly path: readonly PathEntry[];
  /**
   * A reply is streaming (into `streamingBranchId`). It stays `true` until the send ends, and
   * turns `false` in the same change as `pending`, so a Stop/Send toggle on it never offers a
   * send that would be refused as busy.
   */
  readonly streaming: boolean;
  /** The branch a reply is streaming into, which may not be the active one. */
  readonly streamingBranchId: string | undefined;
  /** The action in progress, if any. */
  readonly pending: StoreAction | undefined;
  /** The error of the last action, until the next one starts. Always a `ChatRoutesError`. */
  readonly error: ChatRoutesError | undefined;
  /**
   * Text the user wrote that the server did not store (a send refused, failed or stopped, an
   * edit whose branch could not be made): put it back in the input.
   */
  readonly unsent: string | undefined;
  /** The latest checkpoint the store made on the active branch. */
  readonly checkpoint: Checkpoint | undefined;
  /** AutoBranch suggestions for the last exchange, once asked for with `suggestBranches()`. */
  readonly suggestions: ExchangeSuggestions | undefined;
}
