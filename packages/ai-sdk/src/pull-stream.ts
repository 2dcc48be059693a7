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
