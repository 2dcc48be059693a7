import { type GuardedProcess, spawnGuarded } from '@chatroutes/openapi';

/** A mock a guide starts (`npx -p @chatroutes/mock chatroutes-mock`), under the process guard. */
export interface GuideMock {
  process: GuardedProcess;
  /** What it printed first: its base URL. */
  firstLine: string;
}

/**
 * Starts a guide's mock command as a reader would, but on a free port rather than the
 * documented 4010, which another program may hold. It runs under the guard of
 * `@chatroutes/openapi`, so a test runner that is killed — by turbo after another task
 * failed, or with SIGKILL — never leaves it running.
 */
export async function startGuideMock(
  command: string,
  { cwd, env }: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<GuideMock> {
  const guarded = spawnGuarded('bash', ['-c', `exec ${command} --port 0`], { cwd, env });
  return { process: guarded, firstLine: await guarded.firstLine() };
}
