/*
 * The mock's two ways of waiting. Both end early when `signal` aborts (the client left or
 * the mock closed), so no timer or hold outlives the request it belongs to.
 */

/**
 * Resolves after `ms`, or at once when `signal` aborts (the caller then checks it). A zero
 * pace needs no timer: a pull-based stream already waits for its reader between events.
 */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** Waits until `signal` aborts; used to hold a request or a stream "forever". */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
