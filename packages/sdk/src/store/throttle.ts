/** How often a streaming reply may update the snapshot: `'frame'`, or at most once per N ms. */
export type StreamThrottle = 'frame' | number;

/** Schedules one flush; returns the function that cancels it. */
export type FlushScheduler = (flush: () => void) => () => void;

const FRAME_FALLBACK_MS = 16;

/**
 * A scheduler for the given throttle: `'frame'` uses `requestAnimationFrame` where it exists
 * (browsers), else a 16 ms timer (Node, workers); `0` flushes at once, on every chunk.
 */
export function flushScheduler(throttle: StreamThrottle): FlushScheduler {
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
