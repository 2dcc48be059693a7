import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type CellRun,
  cellName,
  type MatrixCell,
  type RuntimeReport,
  renderTable,
} from '../src/matrix/report.js';
import { runCell } from '../src/matrix/run-cell.js';
import { MATRIX, MATRIX_CHECKS, pinnedVersion } from '../src/matrix/runtimes.js';
import { ensureRuntimes } from '../src/runtime-cache.js';

const scratchDir = inject('scratchDir');

// The mock from the tarball serves the SDK checks of every cell, a fresh one per cell.
const packedMock: typeof import('@chatroutes/mock/node') = createRequire(
  join(scratchDir, 'package.json'),
)('@chatroutes/mock/node');

const cells: MatrixCell[] = MATRIX.flatMap((runtime) =>
  runtime.moduleSystems.map((moduleSystem) => ({ runtime, moduleSystem })),
);
const runs = new Map<MatrixCell, CellRun>();

/** Everything wrong with a cell's run; an empty list is a green row. */
function problemsOf({ runtime, moduleSystem }: MatrixCell, run: CellRun): string[] {
  const { report } = run;
  if (!report) return ['it printed no report', ...(run.problems ?? [])];
  const problems = [...(run.problems ?? []), ...identityProblems(runtime, moduleSystem, report)];
  const names = report.checks.map((check) => check.name);
  if (names.join() !== MATRIX_CHECKS.join()) problems.push(`it ran the checks ${names.join(', ')}`);
  for (const { name, status, detail } of report.checks) {
    if (status === 'fail') problems.push(`${name}: ${detail}`);
    // Only the server may be left out, and only where nothing can listen.
    if (status === 'n/a' && (runtime.listens || name !== 'mock server')) {
      problems.push(`${name} was not run: ${detail}`);
    }
  }
  return problems;
}

/** The runtime that ran is the one the row names, and it loaded the module system's build. */
function identityProblems(
  runtime: MatrixCell['runtime'],
  moduleSystem: MatrixCell['moduleSystem'],
  report: RuntimeReport,
): string[] {
  const problems: string[] = [];
  const expectedName = runtime.kind === 'chromium' ? 'browser' : runtime.kind;
  if (report.runtime.name !== expectedName) problems.push(`it ran on ${report.runtime.name}`);
  if (report.moduleSystem !== moduleSystem) problems.push(`it loaded ${report.moduleSystem}`);
  if (runtime.kind === 'node' || runtime.kind === 'bun' || runtime.kind === 'deno') {
    const expected = runtime.dependency ? pinnedVersion(runtime.dependency) : '20.';
    if (!report.runtime.version.startsWith(expected)) {
      problems.push(`it ran version ${report.runtime.version}, not ${expected}`);
    }
    const build = moduleSystem === 'esm' ? 'index.js' : 'index.cjs';
    if (!report.loadedFrom?.endsWith(`/node_modules/chatroutes/dist/${build}`)) {
      problems.push(`it loaded chatroutes from ${report.loadedFrom}`);
    }
  }
  return problems;
}

describe('the runtime matrix: the packed packages on every runtime', () => {
  let runtimesDir = '';

  beforeAll(async () => {
    // A cold cache installs every runtime from npm (a few hundred MB); a warm one takes ms.
    runtimesDir = (await ensureRuntimes()).dir;
  }, 900_000);

  afterAll(() => {
    const rows = cells.map((cell) => ({ cell, run: runs.get(cell) }));
    console.log(`The runtime matrix\n${renderTable(MATRIX_CHECKS, rows)}`);
  });

  it.each(cells.map((cell) => [cellName(cell), cell] as const))(
    '%s',
    async (_, cell) => {
      const mock = await packedMock.createMockServer({ streamDelayMs: 5 });
      let run: CellRun;
      try {
        run = await runCell(cell, { scratchDir, runtimesDir, mockUrl: mock.url });
      } finally {
        await mock.close();
      }
      runs.set(cell, run);
      expect(problemsOf(cell, run), `${cellName(cell)}\n${run.output}`).toEqual([]);
      // Above the runtimes' own limit (two minutes), so a hung runtime fails with its output.
    },
    150_000,
  );

  it('the mock answers the same bytes in every cell: one digest of its seeded scenario', () => {
    const digests = cells.map((cell) => {
      const check = runs.get(cell)?.report?.checks.find(({ name }) => name === 'mock digest');
      return [cellName(cell), check?.status === 'pass' ? check.detail : undefined] as const;
    });
    console.log(
      `The mock's digest per cell\n${digests.map(([cell, digest]) => `${cell}: ${digest}`).join('\n')}`,
    );
    const [[, first] = []] = digests;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(digests.filter(([, digest]) => digest !== first)).toEqual([]);
  });
});
