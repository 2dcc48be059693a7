import type { MiddlewareHandler } from 'hono';
import type { MockEnv } from '../env.js';
import { payloadTooLarge } from '../errors.js';

/**
 * Refuses a request body over `maxBytes` with 413, before it is stored or echoed: at once
 * when its `Content-Length` says so, else as soon as the bytes read pass the limit (a
 * chunked body). The body read is handed on, so later readers see it unchanged.
 */
export function bodyLimit(maxBytes: number): MiddlewareHandler<MockEnv> {
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    if (Number(raw.headers.get('content-length') ?? 0) > maxBytes) return payloadTooLarge(maxBytes);
    const body = await readAtMost(raw.body, maxBytes);
    if (!body) return payloadTooLarge(maxBytes);
    // A fresh Request from its parts (not `new Request(raw)`: the Node adapter's requests
    // cannot be copied that way).
    c.req.raw = new Request(raw.url, {
      method: raw.method,
      headers: raw.headers,
      body,
      signal: raw.signal,
    });
    await next();
  };
}

/** The whole stream, or `undefined` (and the stream cancelled) once it passes `maxBytes`. */
async function readAtMost(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.length;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(read.value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}
