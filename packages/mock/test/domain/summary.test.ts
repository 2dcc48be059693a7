import { describe, expect, it } from 'vitest';
import { summarise } from '../../src/domain/summary.js';

describe('extractive summaries', () => {
  const history = [
    { role: 'user' as const, content: 'I am planning a garden. Tomatoes need sun.' },
    {
      role: 'assistant' as const,
      content: 'Tomatoes need six hours of sun. Basil grows well beside tomatoes.',
    },
    { role: 'user' as const, content: 'What about watering the garden?' },
    {
      role: 'assistant' as const,
      content: 'Water the garden in the morning. Avoid wetting the leaves.',
    },
  ];

  it('quotes sentences of the history, in order, with their speaker', () => {
    const summary = summarise(history);
    expect(summary.startsWith('Summary of 4 messages. ')).toBe(true);
    const quoted = summary.slice('Summary of 4 messages. '.length).split(/ (?=User: |Assistant: )/);
    const sentences = history.flatMap((entry) =>
      entry.content
        .split(/(?<=[.!?])\s+/)
        .map((sentence) => `${entry.role === 'user' ? 'User' : 'Assistant'}: ${sentence}`),
    );
    const positions = quoted.map((line) => sentences.indexOf(line));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('always keeps the first and the latest user sentence', () => {
    const summary = summarise(history);
    expect(summary).toContain('User: I am planning a garden.');
    expect(summary).toContain('User: What about watering the garden?');
  });

  it('is deterministic and bounded', () => {
    expect(summarise(history)).toBe(summarise(history));
    const long = Array.from({ length: 60 }, (_, index) => ({
      role: (index % 2 === 0 ? 'user' : 'assistant') as 'user' | 'assistant',
      content: `Sentence number ${index} about gardens and tomatoes.`,
    }));
    expect(summarise(long).split(/ (?=User: |Assistant: )/).length - 1).toBeLessThanOrEqual(8);
    expect(summarise([])).toBe('Summary of 0 messages.');
  });
});
