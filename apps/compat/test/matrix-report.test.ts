import { describe, expect, it } from 'vitest';
import { type CellRun, type MatrixCell, parseReport, renderTable } from '../src/matrix/report.js';
import { MATRIX } from '../src/matrix/runtimes.js';

function runtimeNamed(name: string): MatrixCell['runtime'] {
  const runtime = MATRIX.find((candidate) => candidate.name === name);
  if (!runtime) throw new Error(`no ${name} in the matrix`);
  return runtime;
}
const nodeEsm: MatrixCell = { runtime: runtimeNamed('Node 20.11'), moduleSystem: 'esm' };
const workerdEsm: MatrixCell = { runtime: runtimeNamed('workerd'), moduleSystem: 'esm' };

function runOf(statuses: Record<string, 'pass' | 'fail' | 'n/a'>): CellRun {
  const checks = Object.entries(statuses).map(([name, status]) => ({ name, status, detail: '' }));
  return {
    report: { runtime: { name: 'node', version: '1.2.3' }, moduleSystem: 'esm', checks },
    version: '1.2.3',
    output: '',
  };
}

describe('the matrix table', () => {
  it('marks each cell: passed, failed, not applicable, and not run at all', () => {
    const table = renderTable(
      ['send', 'mock server'],
      [
        { cell: nodeEsm, run: runOf({ send: 'fail', 'mock server': 'pass' }) },
        { cell: workerdEsm, run: runOf({ send: 'pass', 'mock server': 'n/a' }) },
        { cell: { ...nodeEsm, moduleSystem: 'cjs' }, run: undefined },
      ],
    );
    expect(table.split('\n')).toEqual([
      '| runtime          | version | send | mock server |',
      '| ---------------- | ------- | ---- | ----------- |',
      '| Node 20.11 · ESM | 1.2.3   | ✗    | ✓           |',
      '| workerd · ESM    | 1.2.3   | ✓    | n/a         |',
      '| Node 20.11 · CJS | —       | —    | —           |',
    ]);
  });
});

describe('a runtime’s report', () => {
  it('is the last line that parses as one, whatever the runtime printed before', () => {
    const report = { runtime: { name: 'bun', version: '1' }, moduleSystem: 'esm', checks: [] };
    const stdout = `warning: something\n${JSON.stringify(report)}\n{"not":"a report"}\n`;
    expect(parseReport(stdout)).toEqual(report);
  });

  it('is missing when nothing parses', () => {
    expect(parseReport('Segmentation fault\n')).toBeUndefined();
  });
});
