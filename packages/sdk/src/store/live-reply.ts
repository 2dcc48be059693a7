import type { Message } from '../index.js';

/** How often a streaming reply may update the snapshot: `'frame'`, or at most once per N ms. */
export type StreamThrottle = 'frame' | number;

/** Schedules one flush; returns the function that cancels it. */
type FlushScheduler = (flush: () => void) => () => void;

const FRAME_FALLBACK_MS = 16;

/**
 * A scheduler for the given throttle: `'frame'` uses `requestAnimationFrame` where it exists
 * (browsers), else a 16 ms timer (Node, workers); `0` flushes at once, on every chunk.
 */
function flushScheduler(throttle: StreamThrottle): FlushScheduler {
  if (throttle === 'frame' && typeof globalThis.requestAnimationFrame === 'function') {
    return (flush) => {
      const frame = globalThis.requestAnimationFrame(() => flush());
      return () => globalThis.cancelAnimationFrame(frame);
    };
  }
  const ms = throttle === 'frame' ? FRAME_FALLBACK_MS : throttle;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`throttle must be 'frame' or a number of ms >= 0, got ${String(ms)}`);
  }
  if (ms === 0) {
    return (flush) => {
      flush();
      return () => {};
    };
  }
  return (flush) => {
    const timer = setTimeout(flush, ms);
    return () => clearTimeout(timer);
  };
}

/**
 * A reply in progress, or one that was stopped: the user message as it was sent (local until
 * the server stores it) and the reply text received so far. `streaming` while chunks arrive;
 * `unsaved` once stopped, for the server kept none of it (or only the question: then
 * `questionStored`).
 */
export interface LiveReply {
  readonly branchId: string;
  readonly user: Message;
  readonly userKey: string;
  readonly replyKey: string;
  readonly text: string;
  readonly startedAt: string;
  readonly state: 'streaming' | 'unsaved';
  readonly questionStored: boolean;
}

/**
 * The reply text as it streams in, and when to show it: each chunk is added at once, and a
 * flush (an update of the snapshot) is scheduled per the throttle, at most one at a time.
 */
export class ReplyStream {
  #schedule: FlushScheduler;
  #cancel: (() => void) | undefined;

  constructor(throttle: StreamThrottle) {
    this.#schedule = flushScheduler(throttle);
  }

  /** Applies to the next flush scheduled (a reply streaming goes on undisturbed). */
  setThrottle(throttle: StreamThrottle): void {
    this.#schedule = flushScheduler(throttle);
  }

  /** Schedules `flush` unless one is scheduled already. */
  request(flush: () => void): void {
    if (this.#cancel) return;
    let flushed = false;
    const cancel = this.#schedule(() => {
      flushed = true;
      this.#cancel = undefined;
      flush();
    });
    // A throttle of 0 flushes at once: nothing stays scheduled.
    if (!flushed) this.#cancel = cancel;
  }

  /** Drops a scheduled flush: the caller shows the final state itself. */
  cancel(): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }
}

/** A reply starting now, on `branchId`, after `parent` (the branch's last message). */
export function startReply(
  conversationId: string,
  branchId: string,
  parentMessageId: string | null,
  content: string,
  keys: { user: string; reply: string },
): LiveReply {
  const startedAt = new Date().toISOString();
  return {
    branchId,
    userKey: keys.user,
    replyKey: keys.reply,
    text: '',
    startedAt,
    state: 'streaming',
    questionStored: false,
    user: {
      id: keys.user,
      conversationId,
      branchId,
      parentMessageId,
      role: 'user',
      content,
      createdAt: startedAt,
    },
  };
}

/** The reply as a message, for the path. */
export function replyMessage(live: LiveReply): Message {
  return {
    id: live.replyKey,
    conversationId: live.user.conversationId,
    branchId: live.branchId,
    parentMessageId: live.user.id,
    role: 'assistant',
    content: live.text,
    createdAt: live.startedAt,
  };
}
