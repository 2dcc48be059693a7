import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import type { Comparison, Figure } from '../src/report.js';

const outDir = mkdtempSync(join(tmpdir(), 'chatroutes-bench-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

// `pnpm bench` with tiny iteration counts: every suite runs and reports, nothing is timed.
it('runs every suite and writes the figures and ratios as JSON', async () => {
  const outFile = join(outDir, 'smoke.json');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'src/main.ts', '--quick', '--out', outFile],
    { cwd: join(import.meta.dirname, '..') },
  );
  expect(stdout).toContain('Ours ÷ peer');

  const report = JSON.parse(readFileSync(outFile, 'utf8')) as {
    quick: boolean;
    figures: Figure[];
    comparisons: Comparison[];
  };
  expect(report.quick).toBe(true);
  expect(new Set(report.comparisons.map((c) => c.suite))).toEqual(
    new Set(['overhead', 'sse', 'memory', 'cold start', 'bundle', 'relay']),
  );
  for (const comparison of report.comparisons) expect(Number.isFinite(comparison.ratio)).toBe(true);
  const bundles = report.figures.filter((figure) => figure.suite === 'bundle');
  expect(bundles).toHaveLength(5);
  for (const bundle of bundles) expect(bundle.value).toBeGreaterThan(0);
});
