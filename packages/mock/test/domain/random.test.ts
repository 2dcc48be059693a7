import { describe, expect, it } from 'vitest';
import { createIdGenerator } from '../../src/domain/ids.js';
import { createRandom, seedFromText } from '../../src/domain/prng.js';

describe('seeded randomness', () => {
  it('repeats for a seed and differs across seeds', () => {
    const sample = (seed: number) => Array.from({ length: 5 }, createRandom(seed));
    expect(sample(3)).toEqual(sample(3));
    expect(sample(3)).not.toEqual(sample(4));
    for (const value of sample(9)) expect(value >= 0 && value < 1).toBe(true);
  });

  it('seeds from text stably', () => {
    expect(seedFromText('hello')).toBe(seedFromText('hello'));
    expect(seedFromText('hello')).not.toBe(seedFromText('hellp'));
  });

  it('makes prefixed ids like the service, unique within a run', () => {
    const next = createIdGenerator(createRandom(1));
    const ids = Array.from({ length: 1000 }, () => next('msg'));
    for (const id of ids) expect(id).toMatch(/^msg_[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
