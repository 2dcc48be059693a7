import { EventTooLargeError, utf8Length } from './event-size.js';

/**
 * A parser of newline-delimited JSON bytes (what `MessageStream#toReadableStream()` writes):
 * UTF-8 decoded in streaming mode, one line per LF (a CR before it is dropped), blank lines
 * skipped, a last line without its LF never delivered. It keeps only the unfinished line, whose
 * size `maxLineBytes` bounds as `maxEventBytes` bounds an SSE event.
 */
export interface LineParser {
  /** Parses the next bytes; `onLine` runs synchronously, in order, for each complete line. */
  feed(bytes: Uint8Array): void;
}

export function createLineParser(
  onLine: (line: string) => void,
  maxLineBytes = Number.POSITIVE_INFINITY,
): LineParser {
  const decoder = new TextDecoder();
  let unfinishedLine = '';
  // The UTF-8 bytes of `unfinishedLine`.
  let unfinishedBytes = 0;

  function refuseOversizedLine(bytes: number): void {
    if (bytes > maxLineBytes) throw new EventTooLargeError(maxLineBytes);
  }

  function deliver(line: string): void {
    const end = line.endsWith('\r') ? line.length - 1 : line.length;
    if (end > 0) onLine(end === line.length ? line : line.slice(0, end));
  }

  function feed(bytes: Uint8Array): void {
    const text = decoder.decode(bytes, { stream: true });
    let start = 0;
    for (let lf = text.indexOf('\n'); lf !== -1; lf = text.indexOf('\n', start)) {
      // A UTF-16 unit is at most 3 UTF-8 bytes: the exact count is needed only near the limit.
      if (unfinishedBytes + (lf - start) * 3 > maxLineBytes) {
        refuseOversizedLine(unfinishedBytes + utf8Length(text, start, lf));
      }
      if (unfinishedLine === '') {
        deliver(text.slice(start, lf));
      } else {
        const line = unfinishedLine + text.slice(start, lf);
        unfinishedLine = '';
        unfinishedBytes = 0;
        deliver(line);
      }
      start = lf + 1;
    }
    if (start < text.length) {
      unfinishedBytes += utf8Length(text, start, text.length);
      refuseOversizedLine(unfinishedBytes);
      unfinishedLine += start === 0 ? text : text.slice(start);
    }
  }

  return { feed };
}
