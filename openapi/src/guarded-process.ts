import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const guardPath = fileURLToPath(new URL('./process-guard.mjs', import.meta.url));
// Longer than the guard's own grace period (5 s), which ends in SIGKILL of the command's group.
const STOP_TIMEOUT_MS = 10_000;

export interface GuardedProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Where the command's stdout and stderr go; `pipe` (default) makes them readable on `child`. */
  output?: 'pipe' | 'ignore' | 'inherit';
}

export interface GuardedProcess {
  /** The guard; its `stdout`/`stderr` carry the command's output. */
  child: ChildProcess;
  /** The guard's PID (the command runs in a process group of its own, under the guard). */
  pid: number;
  /** Resolves when the guard has exited, after the command and everything it started. */
  exited: Promise<void>;
  /** Stops the command (SIGTERM, then SIGKILL of its group) and waits until it is gone. */
  stop(): Promise<void>;
  /**
   * The first line the command prints on stdout (a server's URL, say). Rejects, with what it
   * printed on stderr, if it ends without one. Ask for it at once, before the command prints;
   * a caller that then does not await it (a test expecting the command to fail) is no
   * unhandled rejection.
   */
  firstLine(): Promise<string>;
}

/**
 * Runs a command (a server, usually) that must not outlive this process. It runs under a
 * guard process that stops it, with everything it started, when this process stops or dies —
 * SIGKILL included: the guard notices when its stdin, a pipe from us, closes. The guard has a
 * process group of its own, so a signal sent to our whole group (a test runner's) reaches it
 * only through that pipe, and it still has the time to stop the command.
 */
export function spawnGuarded(
  command: string,
  args: readonly string[],
  { cwd, env, output = 'pipe' }: GuardedProcessOptions = {},
): GuardedProcess {
  const child = spawn(process.execPath, [guardPath, command, ...args], {
    ...(cwd !== undefined && { cwd }),
    ...(env !== undefined && { env }),
    stdio: ['pipe', output, output],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    child,
    pid: child.pid ?? -1,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(killer);
    },
    firstLine: () => firstLineOf(child, command),
  };
}

function firstLineOf(child: ChildProcess, command: string): Promise<string> {
  const { stdout, stderr } = child;
  if (!stdout) return Promise.reject(new Error(`${command} was started without an stdout pipe`));
  let errors = '';
  stderr?.on('data', (chunk: Buffer | string) => {
    errors += chunk;
  });
  const line = once(createInterface({ input: stdout }), 'line').then(([text]) => text as string);
  // `close`, not `exit`: a line printed just before exiting may still be in the pipe then.
  const endedFirst = once(child, 'close').then(([code]) => {
    throw new Error(`${command} ended (code ${code}) before printing a line\n${errors}`);
  });
  // Whichever loses the race settles later, unobserved; so may the race itself.
  endedFirst.catch(() => {});
  const first = Promise.race([line, endedFirst]);
  first.catch(() => {});
  return first;
}
