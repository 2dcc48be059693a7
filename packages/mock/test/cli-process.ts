import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { type GuardedProcess, spawnGuarded } from '@chatroutes/openapi';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
// `--import tsx` resolves from the working directory: run where tsx is installed.
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const running: GuardedProcess[] = [];

/** The CLI running from source (through tsx), under the process guard. */
export interface CliProcess {
  /** The guard: a SIGTERM or SIGINT sent to it reaches the CLI, and it exits with the CLI's code. */
  child: ChildProcess;
  /** The first line the CLI prints (its URL); rejects if the CLI ends first. */
  url: Promise<string>;
  /** Resolves with the exit code once the CLI has ended and its output is read. */
  exitCode: Promise<number | null>;
  stdout(): string;
  stderr(): string;
}

/**
 * Starts `chatroutes-mock` with these flags. It runs under the guard of `@chatroutes/openapi`,
 * so a test run that is killed (SIGKILL included) leaves no CLI process behind.
 */
export function spawnCli(args: readonly string[]): CliProcess {
  const guarded = spawnGuarded(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: packageDir,
  });
  running.push(guarded);
  const { child } = guarded;
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const exitCode = once(child, 'close').then(([code]) => code as number | null);
  const url = guarded.firstLine();
  return { child, url, exitCode, stdout: () => stdout, stderr: () => stderr };
}

/** Stops every CLI this test file started (for `afterEach`). */
export async function stopClis(): Promise<void> {
  await Promise.all(running.splice(0).map((guarded) => guarded.stop()));
}
