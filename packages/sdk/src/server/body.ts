/** The default largest request body the relay reads: the API's own limit. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The request's body, read to its end unless it grows past `limit` bytes: then `undefined`,
 * and the rest is never read (a declared `Content-Length` over the limit is refused unread).
 */
export async function readBoundedBody(
  request: Request,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const declared = request.headers.get('content-length');
  if (Number(declared) > limit) return undefined;
  // A declared length is the length (HTTP frames the body by it): read it at once.
  if (declared !== null) return new Uint8Array(await request.arrayBuffer());
  let size = 0;
  const bounded = request.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        // Erroring here cancels the request's body: nothing more is read.
        if (size > limit) throw new RangeError('body too large');
        controller.enqueue(chunk);
      },
    }),
  );
  try {
    return new Uint8Array(await new Response(bounded).arrayBuffer());
  } catch {
    return undefined;
  }
}
