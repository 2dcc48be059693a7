import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnvironment, describeFailure, runCommand } from '../run-command.js';
import {
  type CheckResult,
  checkMarks,
  markdownTable,
  parseReport,
  type RuntimeReport,
} from './report.js';
import { binary } from './run-cell.js';
import { MATRIX, type MatrixRuntime } from './runtimes.js';

/**
 * A version of a third-party kit (the AI SDK, MSW) one of our packages is checked against:
 * installed apart from the workspace with exact pins, linked into the scratch project where
 * the packed packages are, and run on the runtimes its `engines` allow.
 */
export interface Kit {
  /** Its name in the table and the test titles, e.g. `ai 7`. */
  name: string;
  /** The package whose version the report names (`ai`, `msw`). */
  mainPackage: string;
  /** Every package of the kit the scenario imports, linked into the scratch project. */
  packages: readonly string[];
  /** The folder of its pinned `package.json` and `package-lock.json`. */
  manifestDir: string;
  /** The cache it is installed into, its own: a cache keeps one install. */
  cacheName: string;
  /** The scenario it runs, relative to the scratch project (the fixtures are copied there). */
  scenario: string;
  /** The runtimes of the matrix it runs on. */
  runtimes: readonly MatrixRuntime[];
}

/** The folder of a kit's pinned manifest, `kits/<name>`. */
export const kitDir = (name: string): string =>
  fileURLToPath(new URL(`../../kits/${name}`, import.meta.url));

/** The runtimes of the matrix with these names. */
export const runtimesNamed = (...names: string[]): MatrixRuntime[] =>
  MATRIX.filter((runtime) => names.includes(runtime.name));

/** What a kit's scenario prints: a runtime report with the kit's version. */
export interface KitReport extends RuntimeReport {
  kit: { name: string; version: string };
}

/** One run of a scenario: its report if it printed one, and everything it printed. */
export interface KitRun {
  report: KitReport | undefined;
  output: string;
}

/** The scratch project (the packed packages installed) and a kit installed apart. */
export interface KitContext {
  scratchDir: string;
  /** Where the kit is installed (see `ensurePinnedInstall`). */
  kitInstallDir: string;
}

/**
 * Links the kit's packages into the scratch project's `node_modules`, in place of another
 * version's: runs and checks go one at a time.
 */
export function linkKit(kit: Kit, { scratchDir, kitInstallDir }: KitContext): void {
  for (const name of kit.packages) {
    const link = join(scratchDir, 'node_modules', name);
    rmSync(link, { recursive: true, force: true });
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(kitInstallDir, 'node_modules', name), link, 'dir');
  }
}

/**
 * Runs a kit's scenario on one runtime, from the scratch project, the kit linked in, against
 * the mock server at `mockUrl`.
 */
export async function runKitCell(
  kit: Kit,
  context: KitContext & { runtime: MatrixRuntime; runtimesDir: string; mockUrl: string },
): Promise<KitRun> {
  linkKit(kit, context);
  const result = await runCommand(binary(context.runtime, context), [kit.scenario], {
    cwd: context.scratchDir,
    env: childEnvironment({ NO_COLOR: '1', MOCK_URL: context.mockUrl }),
    timeoutMs: 120_000,
  });
  return {
    report: parseReport(result.stdout) as KitReport | undefined,
    output: describeFailure(result),
  };
}

/**
 * A kit matrix as a Markdown table: a row per kit version and runtime, a column per check
 * (and per extra result, such as a type check, the same on each of a kit's rows).
 */
export function renderKitTable(
  kitColumn: string,
  columns: readonly string[],
  rows: readonly {
    kit: Kit;
    runtime: MatrixRuntime;
    run: KitRun | undefined;
    extra?: readonly CheckResult[];
  }[],
): string {
  return markdownTable(
    [kitColumn, 'runtime', ...columns],
    rows.map(({ kit, runtime, run, extra = [] }) => [
      run?.report ? `${kit.mainPackage} ${run.report.kit.version}` : kit.name,
      run?.report ? `Node ${run.report.runtime.version}` : runtime.name,
      ...checkMarks(columns, [...(run?.report?.checks ?? []), ...extra]),
    ]),
  );
}
