import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FAULT_KINDS } from '@chatroutes/mock';
import { type GuardedProcess, spawnGuarded } from '@chatroutes/openapi';

const requireFromHere = createRequire(import.meta.url);
const cli = join(dirname(requireFromHere.resolve('@chatroutes/mock/package.json')), 'dist/cli.js');

/** A fifth of all requests fail at random, with every kind of fault. */
const FAULT_RATE = 0.2;

/** The mock's built CLI, running as a server process of its own. */
export interface SoakMock {
  /** The base URL it printed on its first line. */
  url: string;
  process: GuardedProcess;
}

/**
 * Starts the built `chatroutes-mock` as the soak test needs it and waits for the URL it
 * prints. It runs under the process guard of `@chatroutes/openapi`, so a test runner that dies
 * (SIGKILL included) does not leave it serving. Its stderr is passed on to ours.
 */
export async function startSoakMock(env: NodeJS.ProcessEnv = process.env): Promise<SoakMock> {
  const flags = [
    ...['--port', '0', '--seed', '11', '--stream-delay', '1'],
    ...['--fault-rate', String(FAULT_RATE), '--fault-kinds', FAULT_KINDS.join(',')],
  ];
  const guarded = spawnGuarded(process.execPath, [cli, ...flags], { env });
  const url = guarded.firstLine();
  guarded.child.stderr?.pipe(process.stderr);
  return { url: await url, process: guarded };
}
