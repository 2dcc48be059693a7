import { median, pairedRatios, quantile } from './measure.js';

/** One contender's figure for one measure. */
export interface Figure {
  suite: string;
  measure: string;
  contender: string;
  /** The median of `samples` where there are samples. */
  value: number;
  unit: string;
  /** One value per round, in round order (timed measures): what paired ratios are made of. */
  samples?: number[];
}

/**
 * Ours against a peer on one measure. `ratio` is ours ÷ peer (below 1: ours is smaller):
 * for figures measured round by round, the median of the per-round ratios, with their
 * quartiles `q1`–`q3` (a budget is judged on that median); else the ratio of the two values.
 */
export interface Comparison {
  suite: string;
  measure: string;
  unit: string;
  ours: string;
  peer: string;
  oursValue: number;
  peerValue: number;
  ratio: number;
  q1?: number;
  q3?: number;
  /** The largest ratio design.md allows, when the comparison is a budget. */
  budget?: number;
}

export function compare(
  figures: readonly Figure[],
  measure: string,
  ours: string,
  peer: string,
  budget?: number,
): Comparison {
  const find = (contender: string) => {
    const figure = figures.find((f) => f.measure === measure && f.contender === contender);
    if (!figure) throw new Error(`no figure for ${contender} on "${measure}"`);
    return figure;
  };
  const [mine, theirs] = [find(ours), find(peer)];
  const comparison: Comparison = {
    suite: mine.suite,
    measure,
    unit: mine.unit,
    ours,
    peer,
    oursValue: mine.value,
    peerValue: theirs.value,
    ratio: mine.value / theirs.value,
    ...(budget !== undefined && { budget }),
  };
  if (mine.samples && theirs.samples) {
    const ratios = pairedRatios(mine.samples, theirs.samples);
    comparison.ratio = median(ratios);
    comparison.q1 = quantile(ratios, 0.25);
    comparison.q3 = quantile(ratios, 0.75);
  }
  return comparison;
}

/** Whether a budget holds: `undefined` for a comparison that is no budget. */
export function withinBudget(comparison: Comparison): boolean | undefined {
  return comparison.budget === undefined ? undefined : comparison.ratio <= comparison.budget;
}

function formatValue(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** The comparisons as a Markdown table (readable in a terminal, pasteable into a README). */
export function ratioTable(comparisons: readonly Comparison[]): string {
  const header = [
    'measure',
    'ours',
    'figure',
    'peer',
    'figure',
    'ours ÷ peer',
    'quartiles',
    'budget',
  ];
  const rows = comparisons.map((c) => {
    const verdict = withinBudget(c);
    return [
      `${c.measure} (${c.unit})`,
      c.ours,
      formatValue(c.oursValue),
      c.peer,
      formatValue(c.peerValue),
      `×${c.ratio.toFixed(2)}`,
      c.q1 === undefined ? '' : `×${c.q1.toFixed(2)}–×${(c.q3 as number).toFixed(2)}`,
      verdict === undefined ? '' : `≤ ×${c.budget} ${verdict ? 'holds' : 'MISSED'}`,
    ];
  });
  return markdownTable(header, rows);
}

/** Every contender's figure, grouped by measure, as a Markdown table. */
export function figureTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.measure, f.contender, `${formatValue(f.value)} ${f.unit}`]);
  return markdownTable(['measure', 'contender', 'figure'], rows);
}

function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
