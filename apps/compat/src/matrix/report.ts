import type { MatrixRuntime, ModuleSystem } from './runtimes.js';

/** The result of one check, as `fixtures/runtimes/checks.mjs` reports it. */
export interface CheckResult {
  name: string;
  status: 'pass' | 'fail' | 'n/a';
  detail: string;
}

/** What an entry script prints: the runtime as it describes itself, and every check. */
export interface RuntimeReport {
  runtime: { name: string; version: string };
  moduleSystem: ModuleSystem;
  /** Where `chatroutes` was loaded from, where the runtime can tell. */
  loadedFrom?: string;
  checks: CheckResult[];
}

/** One run of the matrix: a runtime in one module system. */
export interface MatrixCell {
  runtime: MatrixRuntime;
  moduleSystem: ModuleSystem;
}

/** What every cell of the matrix runs against. */
export interface CellContext {
  /** The scratch project: the packed packages installed, the fixtures beside them. */
  scratchDir: string;
  /** The folder whose `node_modules` holds the runtimes (see `ensureRuntimes`). */
  runtimesDir: string;
  /** A `@chatroutes/mock` server on 127.0.0.1 the SDK checks talk to. */
  mockUrl: string;
}

/** A cell's run: its report if it printed one, and everything it printed, for a failure. */
export interface CellRun {
  report: RuntimeReport | undefined;
  /** The version that ran, as the runtime or its binary reports it. */
  version: string;
  output: string;
  /** What went wrong outside the checks (an uncaught error on the page, say). */
  problems?: string[];
}

export function cellName({ runtime, moduleSystem }: MatrixCell): string {
  return `${runtime.name} · ${moduleSystem.toUpperCase()}`;
}

/** The last line of a script's output that parses as a report. */
export function parseReport(stdout: string): RuntimeReport | undefined {
  for (const line of stdout.trim().split('\n').reverse()) {
    try {
      const value = JSON.parse(line) as RuntimeReport;
      if (Array.isArray(value?.checks)) return value;
    } catch {
      // Not the report: a line the runtime printed of its own.
    }
  }
  return undefined;
}

const MARKS: Record<CheckResult['status'], string> = { pass: '✓', fail: '✗', 'n/a': 'n/a' };

/**
 * The matrix as a Markdown table: a row per runtime and module system, a column per check.
 * A cell that did not run (its runtime printed no report) shows as `—`.
 */
export function renderTable(
  checkNames: readonly string[],
  rows: readonly { cell: MatrixCell; run: CellRun | undefined }[],
): string {
  const header = ['runtime', 'version', ...checkNames];
  const lines = rows.map(({ cell, run }) => [
    cellName(cell),
    run?.version ?? '—',
    ...checkMarks(checkNames, run?.report?.checks),
  ]);
  return markdownTable(header, lines);
}

/** The check results of one row, as marks in the order of `checkNames` (`—` for none). */
export function checkMarks(
  checkNames: readonly string[],
  checks: readonly CheckResult[] | undefined,
): string[] {
  const results = new Map(checks?.map((check) => [check.name, check.status]));
  return checkNames.map((name) => {
    const status = results.get(name);
    return status ? MARKS[status] : '—';
  });
}

/** A Markdown table, its columns padded to their widest cell. */
export function markdownTable(header: readonly string[], lines: readonly string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const format = (cells: readonly string[]) =>
    `| ${cells.map((text, column) => text.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [
    format(header),
    format(widths.map((width) => '-'.repeat(width))),
    ...lines.map(format),
  ].join('\n');
}
