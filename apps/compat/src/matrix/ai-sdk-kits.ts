import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnvironment, describeFailure, runCommand } from '../run-command.js';
import { checkMarks, markdownTable, parseReport, type RuntimeReport } from './report.js';
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

/**
 * Runs the scenario with one kit on one runtime, from the scratch project (where the packed
 * packages are installed), the kit's `ai` linked in as its `node_modules/ai`, against the mock
 * server at `mockUrl`. Cells run one at a time: the link is the scratch project's one `ai`.
 */
export async function runKitCell(context: {
  runtime: MatrixRuntime;
  scratchDir: string;
  /** Where the kit is installed (see `ensurePinnedInstall`). */
  kitInstallDir: string;
  runtimesDir: string;
  mockUrl: string;
}): Promise<KitRun> {
  const link = join(context.scratchDir, 'node_modules', 'ai');
  rmSync(link, { recursive: true, force: true });
  symlinkSync(join(context.kitInstallDir, 'node_modules', 'ai'), link, 'dir');
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

/** The matrix as a Markdown table: a row per kit version and runtime, a column per check. */
export function renderKitTable(
  runs: readonly { kit: AiSdkKit; runtime: MatrixRuntime; run: KitRun | undefined }[],
): string {
  return markdownTable(
    ['AI SDK', 'runtime', ...AI_SDK_CHECKS],
    runs.map(({ kit, runtime, run }) => [
      run?.report ? `ai ${run.report.kit.version}` : kit.name,
      run?.report ? `Node ${run.report.runtime.version}` : runtime.name,
      ...checkMarks(AI_SDK_CHECKS, run?.report?.checks),
    ]),
  );
}
