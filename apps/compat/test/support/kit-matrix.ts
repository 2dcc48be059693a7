import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Kit,
  type KitContext,
  type KitRun,
  renderKitTable,
  runKitCell,
} from '../../src/matrix/kits.js';
import type { CheckResult } from '../../src/matrix/report.js';
import { type MatrixRuntime, pinnedVersion } from '../../src/matrix/runtimes.js';
import { ensurePinnedInstall, ensureRuntimes } from '../../src/runtime-cache.js';
import { createScratchProject, type ScratchProject } from '../../src/scratch-project.js';
import { PUBLIC_PACKAGES } from '../../src/workspace.js';

/** A kit matrix: which packages run against which kits, and what each run must report. */
export interface KitMatrix {
  /** The describe block's title. */
  title: string;
  /** The first column's header, e.g. `AI SDK`. */
  kitColumn: string;
  kits: readonly Kit[];
  /** The checks every run of a scenario reports, in order. */
  checks: readonly string[];
  /** Packed workspace packages the scenarios need besides the public ones. */
  packages?: readonly string[];
  /** A check run once per kit, not per runtime (a type check), with its own column. */
  perKit?: { name: string; run: (kit: Kit, context: KitContext) => Promise<CheckResult> };
}

/** What a kit's version must be: the pin of its manifest. */
function pinOf(kit: Kit): string {
  const manifest = join(kit.manifestDir, 'package.json');
  return createRequire(manifest)(manifest).dependencies[kit.mainPackage];
}

/** Everything wrong with one run; an empty list is a green row. */
function problemsOf(matrix: KitMatrix, kit: Kit, runtime: MatrixRuntime, run: KitRun): string[] {
  const { report } = run;
  if (!report) return ['it printed no report'];
  const problems: string[] = [];
  if (report.kit.version !== pinOf(kit)) {
    problems.push(`it ran on ${kit.mainPackage} ${report.kit.version}`);
  }
  const node = runtime.dependency ? pinnedVersion(runtime.dependency) : '20.';
  if (!report.runtime.version.startsWith(node)) {
    problems.push(`it ran on Node ${report.runtime.version}, not ${node}`);
  }
  const names = report.checks.map((check) => check.name);
  if (names.join() !== matrix.checks.join()) problems.push(`it ran the checks ${names.join(', ')}`);
  for (const { name, status, detail } of report.checks) {
    if (status !== 'pass') problems.push(`${name}: ${detail}`);
  }
  return problems;
}

/**
 * The tests of a kit matrix: the packed packages in a scratch project, each kit installed
 * apart from its pinned lockfile, its scenario run on each of its runtimes against a mock
 * server on loopback; the table is printed at the end.
 */
export function describeKitMatrix(matrix: KitMatrix): void {
  const cells = matrix.kits.flatMap((kit) => kit.runtimes.map((runtime) => ({ kit, runtime })));
  const runs = new Map<(typeof cells)[number], KitRun>();
  const perKit = new Map<Kit, CheckResult>();

  describe(matrix.title, () => {
    let scratch: ScratchProject | undefined;
    let runtimesDir = '';
    const kitDirs = new Map<Kit, string>();
    let packedMock: typeof import('@chatroutes/mock/node');
    const contextOf = (kit: Kit): KitContext => ({
      scratchDir: scratch?.dir ?? '',
      kitInstallDir: kitDirs.get(kit) ?? '',
    });

    beforeAll(async () => {
      scratch = await createScratchProject([...PUBLIC_PACKAGES, ...(matrix.packages ?? [])]);
      packedMock = createRequire(join(scratch.dir, 'package.json'))('@chatroutes/mock/node');
      // Cold caches install from npm (the runtimes: a few hundred MB); warm ones take ms.
      runtimesDir = (await ensureRuntimes()).dir;
      for (const kit of matrix.kits) {
        kitDirs.set(kit, (await ensurePinnedInstall(kit.manifestDir, kit.cacheName)).dir);
      }
    }, 900_000);

    afterAll(() => {
      const columns = [...matrix.checks, ...(matrix.perKit ? [matrix.perKit.name] : [])];
      const rows = cells.map((cell) => {
        const extra = perKit.get(cell.kit);
        return { ...cell, run: runs.get(cell), ...(extra && { extra: [extra] }) };
      });
      console.log(`${matrix.title}\n${renderKitTable(matrix.kitColumn, columns, rows)}`);
      scratch?.remove();
    });

    const { perKit: check } = matrix;
    if (check) {
      it.each(matrix.kits.map((kit) => [kit.name, kit] as const))(
        `${check.name}: %s`,
        async (_, kit) => {
          const result = await check.run(kit, contextOf(kit));
          perKit.set(kit, result);
          expect(result.detail).toBe('');
          expect(result.status).toBe('pass');
        },
        250_000,
      );
    }

    it.each(cells.map((cell) => [`${cell.kit.name} · ${cell.runtime.name}`, cell] as const))(
      '%s',
      async (_, cell) => {
        const mock = await packedMock.createMockServer({ streamDelayMs: 1 });
        let run: KitRun;
        try {
          run = await runKitCell(cell.kit, {
            ...contextOf(cell.kit),
            runtime: cell.runtime,
            runtimesDir,
            mockUrl: mock.url,
          });
        } finally {
          await mock.close();
        }
        runs.set(cell, run);
        expect(problemsOf(matrix, cell.kit, cell.runtime, run), run.output).toEqual([]);
      },
      150_000,
    );
  });
}
