import { describe, expect, it } from 'vitest';
import { median } from '../src/measure.js';
import { compare, type Figure, ratioTable } from '../src/report.js';

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
