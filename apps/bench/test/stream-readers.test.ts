import { describe, expect, it } from 'vitest';
import { CHUNK_SIZES } from '../src/sse.js';
import { replyBytes, responseOf, splitIntoReads } from '../src/sse-body.js';
import { streamReaders } from '../src/stream-readers.js';

describe('the SSE reply every reader is measured on', () => {
  const bytes = replyBytes(50);

  it.each(CHUNK_SIZES)('is cut into reads of exactly %i bytes that add up to the reply', (size) => {
    const reads = splitIntoReads(bytes, size);
    expect(reads.slice(0, -1).every((read) => read.length === size)).toBe(true);
    expect(Buffer.concat(reads)).toEqual(Buffer.from(bytes));
  });

  // A reader that dropped or invented events would make its timing meaningless.
  describe.each(Object.keys(streamReaders))('%s', (name) => {
    it.each(CHUNK_SIZES)('reads every event as JSON from %i-byte reads', async (size) => {
      const read = streamReaders[name];
      const seen: number[] = [];
      const objects = await read?.(responseOf(splitIntoReads(bytes, size)), (count) =>
        seen.push(count),
      );
      expect(objects).toBe(51);
      expect(seen).toEqual(Array.from({ length: 51 }, (_, index) => index + 1));
    });
  });
});
