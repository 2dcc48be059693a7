import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/internal/redact.js';

const redact = createRedactor('cr_live_k+y/1');

describe('createRedactor', () => {
  it('redacts the key and its percent-encoded form in strings, keys and nested values', () => {
    expect(
      redact({
        message: 'Bad cr_live_k+y/1',
        'k:cr_live_k+y/1': [1, null, true, { url: '/x?key=cr_live_k%2By%2F1' }],
      }),
    ).toEqual({
      message: 'Bad [redacted]',
      'k:[redacted]': [1, null, true, { url: '/x?key=[redacted]' }],
    });
  });

  it('returns what holds no key unchanged, and never mutates its input', () => {
    const input = { a: ['cr_live_k+y/1'] };
    redact(input);
    expect(input).toEqual({ a: ['cr_live_k+y/1'] });
    expect(redact('plain')).toBe('plain');
    expect(redact(undefined)).toBeUndefined();
  });

  it('survives a hostile nesting depth', () => {
    const deep = JSON.parse(`${'['.repeat(10_000)}"cr_live_k+y/1"${']'.repeat(10_000)}`);
    const text = JSON.stringify(redact(deep));
    expect(text).not.toContain('cr_live');
    expect(text).toContain('[nested too deeply]');
  });
});
