/**
 * A Server-Sent Events parser that follows the WHATWG "event stream interpretation" rules:
 * bytes are decoded as UTF-8 in streaming mode (a character split across reads stays whole,
 * a leading BOM is dropped), lines end with LF, CR or CRLF (even when the CR ends one read
 * and the LF starts the next), `data:` lines of one event are joined with LF, and an event is
 * dispatched only at its blank line.
 *
 * It keeps what a ChatRoutes stream needs, `data` and `event`: `id:` and `retry:` lines are
 * skipped like unknown fields (the SDK never reconnects by `Last-Event-ID`; it re-opens only
 * before the first chunk), and a comment is reported only as a sign of life.
 *
 * It is callback style and keeps no more than the current unfinished line and event, whose
 * size it bounds: an event longer than `maxEventBytes` makes `feed` throw a `ChunkFault`
 * (`event_too_large`, the parser is then unusable) before the event is dispatched, so a server
 * that never ends a line cannot grow the client's memory without limit.
 *
 * With `lines`, it reads newline-delimited JSON instead (what `MessageStream#toReadableStream()`
 * writes) with the same decoding, line ends and bound: every non-blank line is one event's
 * data, whole. JSON text never holds a raw CR or LF, so its line ends are the only ones.
 */

import { ChunkFault } from './chunks.js';

export interface SseParserCallbacks {
  /** One event: its `data:` lines joined with LF, and its `event:` field (`'message'` if none). */
  onEvent(data: string, type: string): void;
  /** A comment line (`:` and what follows it), often a keep-alive. */
  onComment?(): void;
}

export interface SseParserOptions extends SseParserCallbacks {
  /**
   * The most UTF-8 bytes one event may take, counted from the end of the previous event to its
   * own blank line (field names, comments and line ends included, a CRLF as one byte). Default:
   * no limit.
   */
  maxEventBytes?: number;
  /** Each non-blank line is an event (NDJSON), bounded on its own by `maxEventBytes`. */
  lines?: boolean;
}

export interface SseParser {
  /**
   * Parses the next bytes of the stream; callbacks run synchronously, in stream order.
   * An incomplete event left at the end of the stream is never dispatched (per the spec).
   */
  feed(bytes: Uint8Array): void;
}

const LF = 10;
const DECODE_STREAMING = { stream: true } as const;

export function createSseParser(options: SseParserOptions): SseParser {
  const { onEvent, onComment, lines } = options;
  const maxEventBytes = options.maxEventBytes ?? Number.POSITIVE_INFINITY;
  const decoder = new TextDecoder();
  // The start of a line whose end has not arrived yet. Only each new read is searched for line
  // ends, so a long line trickling in byte by byte costs linear time (V8 appends to a rope and
  // flattens it once, when the line is processed). CR and CRLF are made LF first, in the rare
  // read that has a CR, so that one `indexOf` finds every line end.
  let unfinishedLine = '';
  // The previous read ended with CR: an LF opening the next read belongs to that CRLF.
  let skipLeadingLf = false;
  let eventType = '';
  let data: string | undefined;
  // The UTF-8 bytes of the current event that came in earlier reads.
  let eventBytesBefore = 0;

  function refuseOversizedEvent(bytes: number): void {
    if (bytes > maxEventBytes) {
      throw new ChunkFault(
        `The stream sent an event larger than maxEventBytes (${maxEventBytes} bytes)`,
        undefined,
        'event_too_large',
      );
    }
  }

  function processLine(line: string): void {
    if (lines) {
      if (line !== '') onEvent(line, 'message');
    } else if (line === '') {
      if (data !== undefined) onEvent(data, eventType || 'message');
      data = undefined;
      eventType = '';
    } else if (line.charCodeAt(0) === 58) {
      // `:` starts a comment.
      onComment?.();
    } else {
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const valueStart = line.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1;
      const value = colon === -1 ? '' : line.slice(valueStart);
      // Any other field (`id`, `retry`, unknown ones) is ignored.
      if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
      else if (field === 'event') eventType = value;
    }
  }

  function feed(bytes: Uint8Array): void {
    let text = decoder.decode(bytes, DECODE_STREAMING);
    if (text === '') return;
    if (skipLeadingLf && text.charCodeAt(0) === LF) text = text.slice(1);
    skipLeadingLf = false;
    if (text.includes('\r')) {
      skipLeadingLf = text.endsWith('\r');
      text = text.replace(/\r\n?/g, '\n');
    }
    const length = text.length;
    let position = 0;
    // Where the current event starts in this read's text (before 0 if it began earlier).
    let eventStart = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', position)) {
      const nextLineStart = end + 1;
      const line = unfinishedLine + text.slice(position, end);
      // A blank line ends an SSE event, any line end a line's: measure it before it is
      // dispatched. A UTF-16 unit is at most 3 UTF-8 bytes, so the exact count is needed only
      // near the limit.
      if (lines || line === '') {
        if (eventBytesBefore + (nextLineStart - eventStart) * 3 > maxEventBytes) {
          refuseOversizedEvent(eventBytesBefore + utf8Length(text, eventStart, nextLineStart));
        }
        eventBytesBefore = 0;
        eventStart = nextLineStart;
      }
      unfinishedLine = '';
      processLine(line);
      position = nextLineStart;
    }
    if (eventStart < length) {
      eventBytesBefore += utf8Length(text, eventStart, length);
      refuseOversizedEvent(eventBytesBefore);
    }
    if (position < length) unfinishedLine += position === 0 ? text : text.slice(position);
  }

  return { feed };
}

/** The UTF-8 length of `text[start, end)`, a string a `TextDecoder` produced (no lone surrogates). */
function utf8Length(text: string, start: number, end: number): number {
  let bytes = end - start;
  for (let index = start; index < end; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) continue;
    // Two bytes below U+0800; a surrogate is half of a 4-byte character; the rest take three.
    bytes += unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}
