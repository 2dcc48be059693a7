import { join } from 'node:path';
import { childEnvironment, describeFailure, runCommand } from '../run-command.js';
import { runInChromium } from './chromium.js';
import { type CellContext, type CellRun, type MatrixCell, parseReport } from './report.js';
import { DENO_PERMISSIONS, type MatrixRuntime, pinnedVersion } from './runtimes.js';
import { runInWorkerd } from './workerd.js';

const ENTRY_SCRIPTS = { esm: 'esm.mjs', cjs: 'cjs.cjs' } as const;
const RUN_TIMEOUT_MS = 120_000;

/** Runs the checks in one cell of the matrix. Never throws for a failing runtime. */
export function runCell(cell: MatrixCell, context: CellContext): Promise<CellRun> {
  const { runtime } = cell;
  if (runtime.kind === 'workerd') {
    return runInWorkerd(context, binary(runtime, context), pinnedVersion('workerd'));
  }
  if (runtime.kind === 'chromium') return runInChromium(context);
  return runScript(cell, context);
}

/** Node, Bun and Deno run the entry script of the module system from the scratch project. */
async function runScript({ runtime, moduleSystem }: MatrixCell, context: CellContext) {
  const script = join('runtimes', ENTRY_SCRIPTS[moduleSystem]);
  const args =
    runtime.kind === 'deno'
      ? ['run', ...DENO_PERMISSIONS, script, context.mockUrl]
      : [script, context.mockUrl];
  const result = await runCommand(binary(runtime, context), args, {
    cwd: context.scratchDir,
    env: childEnvironment({ NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' }),
    timeoutMs: RUN_TIMEOUT_MS,
  });
  const report = parseReport(result.stdout);
  return { report, version: report?.runtime.version ?? '?', output: describeFailure(result) };
}

/** The runtime's executable: from the runtimes cache, or this very Node for the machine's. */
export function binary(
  runtime: MatrixRuntime,
  { runtimesDir }: Pick<CellContext, 'runtimesDir'>,
): string {
  const modules = join(runtimesDir, 'node_modules');
  if (runtime.kind === 'node') {
    return runtime.dependency ? join(modules, runtime.dependency, 'bin', 'node') : process.execPath;
  }
  return join(modules, '.bin', runtime.kind);
}
