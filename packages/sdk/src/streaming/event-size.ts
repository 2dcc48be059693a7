/**
 * The bound on one event of a stream (an SSE event, an NDJSON line): its size in UTF-8 bytes,
 * and the error a parser throws when an event grows past it.
 */

/** Thrown by a parser's `feed` when an event grows past its limit; the parser is then unusable. */
export class EventTooLargeError extends RangeError {
  /** The limit that was exceeded, in bytes. */
  readonly maxEventBytes: number;

  constructor(maxEventBytes: number) {
    super(`An event of the stream exceeded ${maxEventBytes} bytes`);
    this.name = 'EventTooLargeError';
    this.maxEventBytes = maxEventBytes;
  }
}

/** The UTF-8 length of `text[start, end)`, a string a `TextDecoder` produced (no lone surrogates). */
export function utf8Length(text: string, start: number, end: number): number {
  let bytes = end - start;
  for (let index = start; index < end; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) continue;
    // Two bytes below U+0800; a surrogate is half of a 4-byte character; the rest take three.
    bytes += unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}
