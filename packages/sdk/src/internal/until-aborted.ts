/**
 * Settles as `pending` does, or rejects with `signal.reason` as soon as `signal` aborts,
 * whichever comes first. For waits on code the SDK does not own (a middleware, a custom
 * `fetch`, a caller's stream opener), which may never look at the signal: a timeout or an
 * abort must end the attempt at once, not when that code is done.
 *
 * What `pending` brings after the abort is of no use: a late `Response` has its body
 * cancelled (freeing its connection), a late failure is swallowed rather than left unhandled.
 */
export function untilAborted<T>(pending: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      discard(pending);
      reject(signal.reason);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function discard(pending: Promise<unknown>): void {
  pending.then(
    (value) => {
      const body = (value as { body?: ReadableStream | null } | null | undefined)?.body;
      if (typeof body?.cancel === 'function') body.cancel().catch(() => {});
    },
    () => {},
  );
}
