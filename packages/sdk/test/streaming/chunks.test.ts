import { describe, expect, it } from 'vitest';
import {
  ChunkFault,
  chunkFromJson,
  chunkFromJsonLine,
  decodeChunk,
  sseEventFault,
} from '../../src/streaming/chunks.js';

/** What decoding must give: `JSON.parse`, then the checks of the API (the slow path). */
function reference(text: string): unknown {
  try {
    return decodeChunk(JSON.parse(text));
  } catch {
    return new ChunkFault('The stream sent an event that is not JSON', { data: text });
  }
}

// A deterministic pseudo-random sequence, so every run checks the same texts.
function pseudoRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const pieces = [
  'a',
  ' ',
  'é',
  '日',
  '🎉',
  '\ud83c',
  '"',
  '\\',
  '\\"',
  '\\n',
  '\\u0041',
  '\n',
  '\t',
  '\u0000',
  '\u001f',
  '}',
  '{',
  ':',
  ',',
];

describe('chunkFromJson', () => {
  it('gives what JSON.parse and the API checks give, for texts with and without escapes', () => {
    const random = pseudoRandom(3);
    for (let run = 0; run < 5000; run++) {
      const length = Math.floor(random() * 8);
      const content = Array.from(
        { length },
        () => pieces[Math.floor(random() * pieces.length)],
      ).join('');
      // Written raw (often invalid JSON), and written by JSON.stringify (always valid).
      const raw = `{"type":"content","content":"${content}"}`;
      const encoded = JSON.stringify({ type: 'content', content });
      expect(chunkFromJson(raw), raw).toEqual(reference(raw));
      expect(chunkFromJson(encoded), encoded).toEqual(reference(encoded));
    }
  });

  it('reads other shapes of a content chunk, and other chunks, through JSON.parse', () => {
    const texts = [
      '{"type":"content","content":"hi","model":"gpt-5"}',
      '{"content":"hi","type":"content"}',
      '{ "type": "content", "content": "hi" }',
      '{"type":"content","content":""}',
      '{"type":"content","content":"a longer delta of several words"}',
      '{"type":"content","content":"x"}  ',
      '{"type":"content","content":7}',
      '{"type":"progress","step":1}',
      '{"type":"content","content":"unterminated}',
      '{"type":"content","content":"',
      '[]',
    ];
    for (const text of texts) expect(chunkFromJson(text), text).toEqual(reference(text));
  });
});

describe('sseEventFault and chunkFromJsonLine', () => {
  it('reads event: error as the server error, and [DONE] as an early end', () => {
    expect(sseEventFault('error', '{"message":"overloaded","code":"busy"}')).toMatchObject({
      message: 'The server reported an error mid-stream: overloaded',
      code: 'busy',
    });
    expect(sseEventFault('message', '[DONE]')).toMatchObject({
      message: 'The stream ended ([DONE]) before its complete chunk',
    });
    expect(sseEventFault('message', '{"type":"content","content":"a"}')).toBeUndefined();
  });

  it('passes an already wrapped unknown chunk through, once', () => {
    const wrapped = { type: 'unknown', data: { type: 'progress', step: 2 } };
    expect(chunkFromJsonLine(JSON.stringify(wrapped))).toEqual(wrapped);
    expect(chunkFromJsonLine('{"type":"progress"}')).toEqual({
      type: 'unknown',
      data: { type: 'progress' },
    });
  });
});
