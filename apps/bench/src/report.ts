/** One contender's figure for one measure. */
export interface Figure {
  suite: string;
  measure: string;
  contender: string;
  value: number;
  unit: string;
}

/** Ours against a peer on one measure: `ratio` is ours ÷ peer (below 1: ours is smaller). */
export interface Comparison {
  suite: string;
  measure: string;
  unit: string;
  ours: string;
  peer: string;
  oursValue: number;
  peerValue: number;
  ratio: number;
}

export function compare(
  figures: readonly Figure[],
  measure: string,
  ours: string,
  peer: string,
): Comparison {
  const find = (contender: string) => {
    const figure = figures.find((f) => f.measure === measure && f.contender === contender);
    if (!figure) throw new Error(`no figure for ${contender} on "${measure}"`);
    return figure;
  };
  const [mine, theirs] = [find(ours), find(peer)];
  return {
    suite: mine.suite,
    measure,
    unit: mine.unit,
    ours,
    peer,
    oursValue: mine.value,
    peerValue: theirs.value,
    ratio: mine.value / theirs.value,
  };
}

function formatValue(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** The comparisons as a Markdown table (readable in a terminal, pasteable into a README). */
export function ratioTable(comparisons: readonly Comparison[]): string {
  const header = ['measure', 'ours', 'figure', 'peer', 'figure', 'ours ÷ peer'];
  const rows = comparisons.map((c) => [
    `${c.measure} (${c.unit})`,
    c.ours,
    formatValue(c.oursValue),
    c.peer,
    formatValue(c.peerValue),
    `×${c.ratio.toFixed(2)}`,
  ]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Every contender's figure, grouped by measure, as a Markdown table. */
export function figureTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.measure, f.contender, `${formatValue(f.value)} ${f.unit}`]);
  const header = ['measure', 'contender', 'figure'];
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
