import { describe, expect, it } from 'vitest';
import { ReplyText } from '../../src/streaming/reply-text.js';

describe('ReplyText', () => {
  it('gives back exactly the text appended, however long', () => {
    const text = new ReplyText();
    expect(text.toString()).toBe('');
    const deltas = Array.from({ length: 5000 }, (_, index) => ` ${index} é 日本 🎉`);
    for (const delta of deltas) text.append(delta);
    expect(text.toString()).toBe(deltas.join(''));
    text.append('!');
    expect(text.toString()).toBe(`${deltas.join('')}!`);
  });

  it('keeps a surrogate pair whole when two deltas split it, wherever that falls', () => {
    for (let split = 0; split < 1100; split += 1) {
      const deltas = Array.from({ length: 1100 }, () => 'ab');
      deltas.splice(split, 0, '\ud83c', '\udf89');
      const text = new ReplyText();
      for (const delta of deltas) text.append(delta);
      expect(text.toString(), `pair split at delta ${split}`).toBe(deltas.join(''));
    }
  });

  it('takes one delta longer than a block', () => {
    const text = new ReplyText();
    const long = '日'.repeat(100_000);
    text.append('a');
    text.append(long);
    text.append('b');
    expect(text.toString()).toBe(`a${long}b`);
  });
});
