import { spawn } from 'node:child_process';

export interface CommandResult {
  command: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Kills the command after this many ms (default two minutes). */
  timeoutMs?: number;
}

/**
 * The environment a child tool should see: ours without the variables that pnpm, npm and
 * turbo set for the script running this test, which would otherwise steer the child's
 * own npm, pnpm or turbo (a lifecycle event, a filter, the parent task's hash).
 */
export function childEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([name]) => !/^(npm_|pnpm_|turbo_)/i.test(name) || name === 'TURBO_TELEMETRY_DISABLED',
  );
  return { ...Object.fromEntries(inherited), TURBO_TELEMETRY_DISABLED: '1', ...extra };
}

/** Runs a command to its end and collects its output; never throws for a non-zero exit. */
export function runCommand(
  command: string,
  args: readonly string[],
  { cwd, env = childEnvironment(), timeoutMs = 120_000 }: RunOptions,
): Promise<CommandResult> {
  const commandLine = [command, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ command: commandLine, code, stdout, stderr });
    });
  });
}

/** Runs a command that must succeed: a failure throws with everything it printed. */
export async function runChecked(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<CommandResult> {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) throw new Error(describeFailure(result));
  return result;
}

export function describeFailure({ command, code, stdout, stderr }: CommandResult): string {
  return `\`${command}\` exited with ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`;
}
