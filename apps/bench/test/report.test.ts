import { describe, expect, it } from 'vitest';
import { median, pairedRatios, quantile, rotatingRounds } from '../src/measure.js';
import { compare, type Figure, ratioTable, withinBudget } from '../src/report.js';

const figures: Figure[] = [
  { suite: 'bundle', measure: 'size', contender: 'ours', value: 3, unit: 'kB' },
  { suite: 'bundle', measure: 'size', contender: 'peer', value: 12, unit: 'kB' },
];

describe('the ratios', () => {
  it('divide ours by the peer on the same measure', () => {
    expect(compare(figures, 'size', 'ours', 'peer')).toMatchObject({
      oursValue: 3,
      peerValue: 12,
      ratio: 0.25,
      unit: 'kB',
    });
  });

  it('refuse a contender that was not measured', () => {
    expect(() => compare(figures, 'size', 'ours', 'missing')).toThrow(/missing/);
  });

  it('print as a table row per comparison', () => {
    const table = ratioTable([compare(figures, 'size', 'ours', 'peer')]);
    expect(table.split('\n')).toHaveLength(3);
    expect(table).toContain('×0.25');
  });

  it('come from the median round', () => {
    expect(median([5, 1, 9, 3, 7])).toBe(5);
  });
});

describe('paired comparisons', () => {
  // Round 2 is slow for both (a busy spell of the machine): per-round ratios cancel it out.
  const timed: Figure[] = [
    {
      suite: 's',
      measure: 'time',
      contender: 'ours',
      value: 11,
      unit: 'µs',
      samples: [10, 11, 50, 12],
    },
    {
      suite: 's',
      measure: 'time',
      contender: 'peer',
      value: 10,
      unit: 'µs',
      samples: [10, 10, 40, 12],
    },
  ];

  it('take the median of the per-round ratios, with their quartiles', () => {
    expect(pairedRatios([10, 11, 50, 12], [10, 10, 40, 12])).toEqual([1, 1.1, 1.25, 1]);
    const comparison = compare(timed, 'time', 'ours', 'peer', 1.1);
    expect(comparison.ratio).toBe(1.1);
    expect(comparison.q1).toBe(1);
    expect(comparison.q3).toBe(1.25);
    expect(withinBudget(comparison)).toBe(true);
    expect(withinBudget({ ...comparison, budget: 1.05 })).toBe(false);
    expect(withinBudget(compare(figures, 'size', 'ours', 'peer'))).toBeUndefined();
  });

  it('print the quartiles and the verdict beside the ratio', () => {
    const table = ratioTable([compare(timed, 'time', 'ours', 'peer', 1.05)]);
    expect(table).toContain('×1.00–×1.25');
    expect(table).toContain('≤ ×1.05 MISSED');
  });

  it('refuse to pair rounds that do not match', () => {
    expect(() => pairedRatios([1, 2], [1])).toThrow(/cannot pair/);
  });

  it('read quartiles by nearest rank', () => {
    expect(quantile([4, 1, 3, 2], 0.25)).toBe(2);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('rotate the order of the contenders from round to round', async () => {
    const order: string[] = [];
    const samples = await rotatingRounds(
      ['a', 'b', 'c'],
      { rounds: 3, warmupRounds: 1 },
      async (name) => {
        order.push(name);
        return order.length;
      },
    );
    expect(order.join('')).toBe('abc' + 'bca' + 'cab' + 'abc');
    expect(samples.a).toHaveLength(3);
  });
});
