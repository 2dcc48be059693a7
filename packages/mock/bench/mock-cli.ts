import { fileURLToPath } from 'node:url';
import { type GuardedProcess, spawnGuarded } from '@chatroutes/openapi';

/**
 * The CLI in its own process (so that clients and server do not share a thread), streams
 * unpaced, under the process guard: a benchmark that is interrupted or killed (SIGKILL
 * included) does not leave it serving.
 */
export async function startMockCli(): Promise<{ server: GuardedProcess; url: string }> {
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const server = spawnGuarded(
    process.execPath,
    ['--import', 'tsx', cli, '--port', '0', '--stream-delay', '0'],
    { cwd: fileURLToPath(new URL('..', import.meta.url)) },
  );
  const url = server.firstLine();
  server.child.stderr?.pipe(process.stderr);
  return { server, url: await url };
}
