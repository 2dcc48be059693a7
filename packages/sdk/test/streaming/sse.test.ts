import { describe, expect, it } from 'vitest';
import { ChunkFault } from '../../src/streaming/chunks.js';
import { createSseParser } from '../../src/streaming/sse.js';

const encoder = new TextEncoder();

/** What the parser throws for an event over its bound: the stream's fault. */
function expectTooLarge(error: unknown): void {
  expect(error).toBeInstanceOf(ChunkFault);
  expect(error).toMatchObject({ code: 'event_too_large' });
}

interface ServerSentEvent {
  type: string;
  data: string;
}

interface Parsed {
  events: ServerSentEvent[];
  comments: number;
}

/** Feeds `reads` one after the other and records every callback. */
function parse(reads: Array<string | Uint8Array>, maxEventBytes?: number): Parsed {
  const parsed: Parsed = { events: [], comments: 0 };
  const parser = createSseParser({
    onEvent: (data, type) => parsed.events.push({ type, data }),
    onComment: () => {
      parsed.comments++;
    },
    ...(maxEventBytes !== undefined && { maxEventBytes }),
  });
  for (const read of reads) parser.feed(typeof read === 'string' ? encoder.encode(read) : read);
  return parsed;
}

function splitAt(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    parts.push(bytes.subarray(start, offset));
    start = offset;
  }
  return parts;
}

const message = (data: string, type = 'message'): ServerSentEvent => ({ type, data });

// Every feature at once: CRLF, lone CR, comments, retry and id lines (skipped), event names,
// multi-line data, a 4-byte emoji and other multi-byte characters.
const mixedStream =
  ': hello\r\n' +
  'retry: 3000\r\n' +
  'data: {"type":"content","content":"Hi 👋"}\r\n\r\n' +
  'id: 7\rdata: first line\rdata: second line\r\r' +
  'event: ping\ndata:no-space\n\n' +
  'data: héllo — 日本語 🎉🎉\n\n' +
  'data: [DONE]\n\n';

const mixedStreamEvents = [
  message('{"type":"content","content":"Hi 👋"}'),
  message('first line\nsecond line'),
  message('no-space', 'ping'),
  message('héllo — 日本語 🎉🎉'),
  message('[DONE]'),
];

describe('createSseParser', () => {
  it('parses a stream mixing every feature in one read', () => {
    const parsed = parse([mixedStream]);
    expect(parsed.events).toEqual(mixedStreamEvents);
    expect(parsed.comments).toBe(1);
  });

  it('delivers every event once and in order whatever byte offset splits the stream', () => {
    const bytes = encoder.encode(mixedStream);
    for (let offset = 0; offset <= bytes.length; offset++) {
      expect(parse(splitAt(bytes, [offset])).events, `split at byte ${offset}`).toEqual(
        mixedStreamEvents,
      );
    }
    for (let first = 1; first < bytes.length; first += 3) {
      for (let second = first; second < bytes.length; second += 7) {
        expect(parse(splitAt(bytes, [first, second])).events).toEqual(mixedStreamEvents);
      }
    }
  });

  it('delivers the same events when fed one byte at a time', () => {
    const bytes = encoder.encode(mixedStream);
    const oneByteReads = Array.from(bytes, (_, index) => bytes.subarray(index, index + 1));
    const parsed = parse(oneByteReads);
    expect(parsed.events).toEqual(mixedStreamEvents);
    expect(parsed.comments).toBe(1);
  });

  it('keeps a 4-byte emoji whole when each of its bytes arrives in a different read', () => {
    const bytes = encoder.encode('data: a🎉b\n\n');
    const emojiStart = bytes.indexOf(0xf0);
    const reads = splitAt(bytes, [emojiStart + 1, emojiStart + 2, emojiStart + 3]);
    expect(parse(reads).events).toEqual([message('a🎉b')]);
  });

  it('treats a CR ending one read and an LF starting the next as one line break', () => {
    expect(parse(['data: a\r', '\ndata: b\r', '\n\r', '\n']).events).toEqual([message('a\nb')]);
    // A lone CR followed by a read that does not start with LF is a line break of its own.
    expect(parse(['data: a\r', '\r']).events).toEqual([message('a')]);
    // An empty read between the CR and the LF does not break the pair.
    expect(parse(['data: a\r', '', '\n\r\n']).events).toEqual([message('a')]);
  });

  it('dispatches on blank lines only, and drops an unfinished event at the end', () => {
    expect(parse(['data: complete\n\ndata: cut off\n']).events).toEqual([message('complete')]);
    expect(parse(['data: no line end at all']).events).toEqual([]);
  });

  it('follows the field rules of the spec', () => {
    const parsed = parse([
      // Only one leading space is removed; a line without a colon is a field with no value.
      'data:  two spaces\ndata\ndata:\n\n',
      // Blank lines with no data dispatch nothing, and the event type does not leak onward.
      'event: lost\n\n\n',
      'data: after\n\n',
      // Unknown fields, and the id and retry fields the SDK does not use, change nothing.
      'foo: bar\nid: ok\nid: bad\u0000id\nretry: 12a\nretry:\nretry: 250\ndata: x\n\n',
      'id\nevent: error\ndata: y\n\n',
    ]);
    expect(parsed.events).toEqual([
      message(' two spaces\n\n'),
      message('after'),
      message('x'),
      message('y', 'error'),
    ]);
  });

  it('drops a byte order mark at the start of the stream only', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
    expect(parse([bom, 'data: a\n\n']).events).toEqual([message('a')]);
    expect(parse(['data: a\n\n\uFEFFdata: b\n\n']).events).toEqual([message('a')]);
  });

  it('replaces invalid UTF-8 with U+FFFD rather than failing', () => {
    const invalid = new Uint8Array([
      ...encoder.encode('data: a'),
      0xff,
      ...encoder.encode('b\n\n'),
    ]);
    expect(parse([invalid]).events).toEqual([message('a\uFFFDb')]);
  });

  it('joins a long line that arrives in many reads', () => {
    const long = 'x'.repeat(10_000);
    const pieces = Array.from({ length: long.length / 8 }, (_, index) =>
      long.slice(index * 8, index * 8 + 8),
    );
    const reads = ['data: ', ...pieces, '\n', '\n'];
    expect(parse(reads).events).toEqual([message(long)]);
  });
});

describe('createSseParser maxEventBytes', () => {
  /** Feeds `reads` until the parser throws; returns the events dispatched and the error. */
  function parseBounded(reads: Array<string | Uint8Array>, maxEventBytes: number) {
    const events: ServerSentEvent[] = [];
    const parser = createSseParser({
      onEvent: (data, type) => events.push({ type, data }),
      maxEventBytes,
    });
    let fedReads = 0;
    try {
      for (const read of reads) {
        parser.feed(typeof read === 'string' ? encoder.encode(read) : read);
        fedReads++;
      }
    } catch (error) {
      return { events, error, fedReads };
    }
    return { events, error: undefined, fedReads };
  }

  // `data: ` + 4 × 'é' (2 bytes each) + `\n\n` = 6 + 8 + 2 = 16 bytes of UTF-8, 12 UTF-16 units.
  const sixteenBytes = 'data: éééé\n\n';

  it('counts the UTF-8 bytes of an event, line ends included, up to its blank line', () => {
    expect(encoder.encode(sixteenBytes)).toHaveLength(16);
    expect(parseBounded([sixteenBytes], 16)).toEqual({
      events: [message('éééé')],
      error: undefined,
      fedReads: 1,
    });
    const { events, error } = parseBounded([sixteenBytes], 15);
    expect(events).toEqual([]);
    expectTooLarge(error);
    expect(error).toMatchObject({ message: expect.stringMatching(/maxEventBytes \(15 bytes\)/) });
  });

  it('counts a CR or a CRLF line end as one byte, as an LF, wherever the reads split it', () => {
    for (const ends of ['\r\n', '\r']) {
      const text = `data: éééé${ends}${ends}`;
      const bytes = encoder.encode(text);
      for (let offset = 0; offset <= bytes.length; offset++) {
        const reads = splitAt(bytes, [offset]);
        expect(parseBounded(reads, 16).events, `${JSON.stringify(ends)} at ${offset}`).toEqual([
          message('éééé'),
        ]);
        expectTooLarge(parseBounded(reads, 15).error);
      }
    }
  });

  it('measures each event on its own, whatever byte offset splits the stream', () => {
    const bytes = encoder.encode(`${sixteenBytes}: c\ndata: 🎉\n\n${sixteenBytes}`);
    for (let offset = 0; offset <= bytes.length; offset++) {
      const { events, error } = parseBounded(splitAt(bytes, [offset]), 16);
      expect(error, `split at byte ${offset}`).toBeUndefined();
      expect(events).toEqual([message('éééé'), message('🎉'), message('éééé')]);
      expectTooLarge(parseBounded(splitAt(bytes, [offset]), 15).error);
    }
  });

  it('counts every line of a multi-line event, and dispatches the events before it', () => {
    const many = `data: ok\n\n${'data: x\n'.repeat(20)}\n`;
    const { events, error } = parseBounded([many], 100);
    expect(events).toEqual([message('ok')]);
    expectTooLarge(error);
  });

  it('throws as soon as a line that never ends passes the limit, not at its end', () => {
    const reads = ['data: ', ...Array.from({ length: 1000 }, () => 'x'.repeat(1024))];
    const { error, fedReads } = parseBounded(reads, 64 * 1024);
    expectTooLarge(error);
    // 64 reads of 1 KiB reach the limit; the one that passes it throws.
    expect(fedReads).toBe(64);
  });

  it('has no limit unless one is given', () => {
    const long = 'x'.repeat(100_000);
    expect(parse([`data: ${long}\n\n`]).events).toEqual([message(long)]);
  });
});

describe('createSseParser lines (NDJSON)', () => {
  function lines(reads: Array<string | Uint8Array>, maxEventBytes?: number): string[] {
    const events: string[] = [];
    const parser = createSseParser({
      onEvent: (data, type) => events.push(`${type}:${data}`),
      lines: true,
      ...(maxEventBytes !== undefined && { maxEventBytes }),
    });
    for (const read of reads) parser.feed(typeof read === 'string' ? encoder.encode(read) : read);
    return events;
  }

  it('delivers every non-blank line whole, SSE field syntax included, CRLF or LF', () => {
    const text = '{"a":1}\r\n\n{"b":"data: x"}\n: not a comment\ndata: 2\n';
    expect(lines([text])).toEqual([
      'message:{"a":1}',
      'message:{"b":"data: x"}',
      'message:: not a comment',
      'message:data: 2',
    ]);
  });

  it('delivers the same lines whatever byte offset splits the stream', () => {
    const bytes = encoder.encode('{"text":"añ😀"}\r\n{"n":2}\n\n{"n":3}\n');
    const whole = lines([bytes]);
    for (let offset = 1; offset < bytes.length; offset++) {
      expect(lines(splitAt(bytes, [offset])), `split at ${offset}`).toEqual(whole);
    }
  });

  it('never delivers a last line without its line end', () => {
    expect(lines(['{"n":1}\n{"n":2}'])).toEqual(['message:{"n":1}']);
  });

  it('bounds each line on its own, line end included, at any split', () => {
    const line = `${'x'.repeat(98)}\n`; // 99 bytes with its LF
    expect(lines([line.repeat(3)], 99)).toHaveLength(3);
    expect(() => lines([line], 98)).toThrow(ChunkFault);
    const long = encoder.encode('y'.repeat(1000));
    expect(() => lines(splitAt(long, [100, 200, 300]), 250)).toThrow(ChunkFault);
  });
});
