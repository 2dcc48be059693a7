import { describe, expect, it } from 'vitest';
import { FaultHeaderError, FaultPlanner, parseFaultHeader } from '../../src/domain/faults.js';
import { createRandom } from '../../src/domain/prng.js';

describe('x-mock-fault header', () => {
  it('parses a kind with optional count and retry-after', () => {
    expect(parseFaultHeader('429')).toEqual({ kind: '429', retryAfterSeconds: 1 });
    expect(parseFaultHeader(' 429 ; count=2; retry-after=5 ')).toEqual({
      kind: '429',
      count: 2,
      retryAfterSeconds: 5,
    });
    expect(parseFaultHeader('CUT-STREAM')).toMatchObject({ kind: 'cut-stream' });
  });

  it('refuses unknown kinds and parameters', () => {
    expect(() => parseFaultHeader('418')).toThrow(FaultHeaderError);
    expect(() => parseFaultHeader('500; times=2')).toThrow(FaultHeaderError);
    expect(() => parseFaultHeader('500; count=two')).toThrow(FaultHeaderError);
  });
});

describe('FaultPlanner', () => {
  it('fires a counted header fault only for the first attempts of the same request', () => {
    const planner = new FaultPlanner(undefined, createRandom(1));
    const decide = (identity: string) =>
      planner.decide({ header: '500; count=1', retryIdentity: identity })?.kind;
    expect(decide('a')).toBe('500');
    expect(decide('a')).toBeUndefined();
    expect(decide('b')).toBe('500');
  });

  it('fires an uncounted header fault every time, and nothing without header or rate', () => {
    const planner = new FaultPlanner(undefined, createRandom(1));
    expect(planner.decide({ header: 'stall', retryIdentity: 'x' })?.kind).toBe('stall');
    expect(planner.decide({ header: 'stall', retryIdentity: 'x' })?.kind).toBe('stall');
    expect(planner.decide({ header: null, retryIdentity: 'x' })).toBeUndefined();
  });

  it('draws rate faults from the seed, among the configured kinds', () => {
    const draws = (seed: number) => {
      const planner = new FaultPlanner(
        { rate: 0.3, kinds: ['reset', '502-html'], retryAfterSeconds: 9 },
        createRandom(seed),
      );
      return Array.from(
        { length: 200 },
        () => planner.decide({ header: null, retryIdentity: '' })?.kind ?? 'ok',
      );
    };
    const first = draws(5);
    expect(draws(5)).toEqual(first);
    const failures = first.filter((kind) => kind !== 'ok');
    expect(failures.length).toBeGreaterThan(30);
    expect(failures.length).toBeLessThan(90);
    expect(new Set(failures)).toEqual(new Set(['reset', '502-html']));
  });
});
