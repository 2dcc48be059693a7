import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnvironment, describeFailure, runCommand } from '../run-command.js';
import { SUPPORTED_COMPILERS } from '../typescript-compilers.js';
import {
  type CheckResult,
  checkMarks,
  markdownTable,
  parseReport,
  type RuntimeReport,
} from './report.js';
import { binary } from './run-cell.js';
import { MATRIX, type MatrixRuntime } from './runtimes.js';

/** A version of the AI SDK that `@chatroutes/ai-sdk` is checked against, and where. */
export interface AiSdkKit {
  /** Its name in the table and the test titles. */
  name: string;
  /** The folder of its pinned `package.json` and `package-lock.json`. */
  manifestDir: string;
  /** The cache it is installed into, its own: a cache keeps one install. */
  cacheName: string;
  /** The runtimes of the matrix it runs on: those its `engines` allow. */
  runtimes: readonly MatrixRuntime[];
}

const kitDir = (name: string) => fileURLToPath(new URL(`../../kits/${name}`, import.meta.url));
const runtimes = (...names: string[]) => MATRIX.filter((runtime) => names.includes(runtime.name));

export const AI_SDK_KITS: readonly AiSdkKit[] = [
  // ai 6 runs on Node 20 (the package's own tests use it there too) and later.
  {
    name: 'ai 6',
    manifestDir: kitDir('ai6'),
    cacheName: 'chatroutes-compat-kit-ai6',
    runtimes: runtimes('Node 20', 'Node 22'),
  },
  // ai 7 declares Node 22 or newer.
  {
    name: 'ai 7',
    manifestDir: kitDir('ai7'),
    cacheName: 'chatroutes-compat-kit-ai7',
    runtimes: runtimes('Node 22', 'Node 24'),
  },
];

/** The columns: what `fixtures/ai-sdk/scenario.mjs` checks, in order. */
export const AI_SDK_CHECKS = [
  'chat: send',
  'chat: edit makes a branch',
  'chat: versions without a request',
  'chat: regenerate',
  'chat: error chunk',
  'chat: stored once after a drop',
  'streamText',
  'generateText on a branch',
  'warnings: tools and system',
] as const;

/** What the scenario prints: a runtime report with the AI SDK version it ran on. */
export interface KitReport extends RuntimeReport {
  kit: { name: string; version: string };
}

/** One run of the scenario: its report if it printed one, and everything it printed. */
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

// What a kit puts in the scratch project: `ai`, and the provider types it depends on.
const KIT_PACKAGES = ['ai', '@ai-sdk/provider'];

/**
 * Links the kit's packages into the scratch project's `node_modules`, in place of another
 * kit's: runs and checks go one at a time.
 */
function linkKit({ scratchDir, kitInstallDir }: KitContext): void {
  for (const name of KIT_PACKAGES) {
    const link = join(scratchDir, 'node_modules', name);
    rmSync(link, { recursive: true, force: true });
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(kitInstallDir, 'node_modules', name), link, 'dir');
  }
}

/**
 * Type-checks `fixtures/ai-sdk/types.ts` (the package's types in use: the transport as a
 * `ChatTransport`, the model as a `LanguageModel`, the typed metadata) against the kit's
 * declarations, with the workspace's TypeScript.
 */
export async function typeCheckKit(context: KitContext): Promise<CheckResult> {
  linkKit(context);
  const [, current] = SUPPORTED_COMPILERS;
  if (!current) throw new Error('no TypeScript to check with');
  const result = await runCommand(
    process.execPath,
    [current.script, '-p', join('ai-sdk', 'tsconfig.json')],
    { cwd: context.scratchDir, timeoutMs: 240_000 },
  );
  const passed = result.code === 0;
  return {
    name: 'types',
    status: passed ? 'pass' : 'fail',
    detail: passed ? '' : describeFailure(result),
  };
}

/**
 * Runs the scenario with one kit on one runtime, from the scratch project (where the packed
 * packages are installed), the kit linked in, against the mock server at `mockUrl`.
 */
export async function runKitCell(
  context: KitContext & { runtime: MatrixRuntime; runtimesDir: string; mockUrl: string },
): Promise<KitRun> {
  linkKit(context);
  const result = await runCommand(
    binary(context.runtime, context),
    [join('ai-sdk', 'scenario.mjs')],
    {
      cwd: context.scratchDir,
      env: childEnvironment({ NO_COLOR: '1', MOCK_URL: context.mockUrl }),
      timeoutMs: 120_000,
    },
  );
  return {
    report: parseReport(result.stdout) as KitReport | undefined,
    output: describeFailure(result),
  };
}

/**
 * The matrix as a Markdown table: a row per kit version and runtime, a column per check of the
 * scenario, and the kit's type check (the same on each of its rows).
 */
export function renderKitTable(
  rows: readonly {
    kit: AiSdkKit;
    runtime: MatrixRuntime;
    run: KitRun | undefined;
    types: CheckResult | undefined;
  }[],
): string {
  const columns = [...AI_SDK_CHECKS, 'types'];
  return markdownTable(
    ['AI SDK', 'runtime', ...columns],
    rows.map(({ kit, runtime, run, types }) => [
      run?.report ? `ai ${run.report.kit.version}` : kit.name,
      run?.report ? `Node ${run.report.runtime.version}` : runtime.name,
      ...checkMarks(columns, [...(run?.report?.checks ?? []), ...(types ? [types] : [])]),
    ]),
  );
}
