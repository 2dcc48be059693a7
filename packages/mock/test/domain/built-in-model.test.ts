import { describe, expect, it } from 'vitest';
import { generateReply } from '../../src/domain/built-in-model.js';
import { countTokens, truncateToTokens } from '../../src/domain/tokens.js';

describe('the built-in model', () => {
  const base = { model: 'gpt-5' as const, context: [], prompt: 'How should I learn the piano?' };

  it('depends only on model, context and prompt', () => {
    expect(generateReply(base)).toEqual(generateReply({ ...base }));
    const variants = [
      generateReply(base).content,
      generateReply({ ...base, prompt: 'How should I learn the violin?' }).content,
      generateReply({ ...base, model: 'claude-3-5-haiku-latest' }).content,
      generateReply({ ...base, context: [{ role: 'user', content: 'I am a beginner.' }] }).content,
    ];
    expect(new Set(variants).size).toBe(variants.length);
  });

  it('quotes the prompt and what it remembers from the context', () => {
    const reply = generateReply({
      ...base,
      context: [
        { role: 'system', content: 'Summary of 2 messages.' },
        { role: 'user', content: 'I play the guitar already. It took years.' },
      ],
    });
    expect(reply.content).toContain('You asked: "How should I learn the piano?"');
    expect(reply.content).toContain('what you said earlier: "I play the guitar already."');
    expect(reply.content).toContain('summary');
  });

  it('stops at maxTokens with finishReason length', () => {
    const reply = generateReply({ ...base, maxTokens: 6 });
    expect(reply.finishReason).toBe('length');
    expect(countTokens(reply.content)).toBeLessThanOrEqual(6);
    expect(generateReply(base).content.startsWith(reply.content)).toBe(true);
  });
});

describe('tokens', () => {
  it('counts about four characters per token', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('a')).toBe(1);
    expect(countTokens('abcdefgh')).toBe(2);
    expect(countTokens('abcdefghi')).toBe(3);
  });

  it('truncates at a word boundary', () => {
    expect(truncateToTokens('one two three four five six', 3)).toBe('one two');
    expect(truncateToTokens('short', 10)).toBe('short');
  });
});
