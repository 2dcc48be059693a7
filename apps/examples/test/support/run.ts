import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** This package's folder: where `--import tsx` resolves. */
export const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** The source file of an example (or of the demo, or of `pnpm example`'s runner). */
export const source = (name: string) =>
  fileURLToPath(new URL(`../../src/${name}.ts`, import.meta.url));

/** What a run printed, and its exit code. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command as a reader would, with only the environment given (besides `PATH`, `HOME`
 * and `NO_COLOR`), and collects its output.
 */
export function run(
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
  cwd = packageDir,
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs one script of `src/` with tsx, as the package's own scripts do. */
export function runScript(
  name: string,
  env: Record<string, string | undefined>,
  args: string[] = [],
): Promise<RunResult> {
  return run(process.execPath, ['--import', 'tsx', source(name), ...args], env);
}
