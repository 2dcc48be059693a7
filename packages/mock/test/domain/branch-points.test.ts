import { describe, expect, it } from 'vitest';
import { detectBranchPoints } from '../../src/domain/branch-points.js';

const kinds = (text: string) =>
  detectBranchPoints(text).map((point) => [point.kind, point.triggerText]);

describe('branch point detection', () => {
  it('finds the alternative and the second question of the spec example, at the spec offsets', () => {
    const text = 'Should I visit Porto or Lisbon first? And also, what should I pack?';
    const points = detectBranchPoints(text);
    expect(points.map(({ start, end, triggerText }) => ({ start, end, triggerText }))).toEqual([
      { start: 15, end: 30, triggerText: 'Porto or Lisbon' },
      { start: 38, end: 67, triggerText: 'And also, what should I pack?' },
    ]);
  });

  it('treats several questions as several points, and a lone one as weak', () => {
    expect(kinds('Where? When? Why?')).toEqual([
      ['question', 'Where?'],
      ['question', 'When?'],
      ['question', 'Why?'],
    ]);
    const [lone] = detectBranchPoints('Is it raining today?');
    expect(lone?.confidence).toBeLessThan(0.7);
  });

  it('finds list items and inline enumerations', () => {
    expect(kinds('Options:\n1. Train\n2) Bus\n- Bike')).toEqual([
      ['enumeration', '1. Train'],
      ['enumeration', '2) Bus'],
      ['enumeration', '- Bike'],
    ]);
    expect(kinds('First we pack, second we drive, finally we rest.').map(([kind]) => kind)).toEqual(
      ['enumeration', 'enumeration', 'enumeration'],
    );
  });

  it('finds alternatives and additions', () => {
    expect(kinds('Alternatively we could fly.')).toEqual([
      ['alternative', 'Alternatively we could fly'],
    ]);
    expect(kinds('We need tickets and also a hotel.')).toEqual([['addition', 'and also a hotel']]);
  });

  it('keeps the more confident of overlapping finds, and offsets always index the text', () => {
    const text = '  Tea or coffee? Or juice?\n\n* one\n* two ';
    for (const point of detectBranchPoints(text)) {
      expect(text.slice(point.start, point.end)).toBe(point.triggerText);
      expect(point.triggerText).toBe(point.triggerText.trim());
    }
    const points = detectBranchPoints(text);
    for (const [index, point] of points.entries()) {
      const next = points[index + 1];
      if (next) expect(point.end).toBeLessThanOrEqual(next.start);
    }
  });

  it('counts offsets in UTF-16 code units, as JavaScript strings do', () => {
    const text = 'Café ☕ or tea 🍵? Cake or pie?';
    for (const point of detectBranchPoints(text)) {
      expect(text.slice(point.start, point.end)).toBe(point.triggerText);
    }
  });
});
