import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type GuardedProcess, spawnGuarded } from '@chatroutes/openapi';
import { bundle, bundleMockRoot } from './bundle.js';
import { type CellContext, type CellRun, parseReport } from './report.js';
import { WORKERD_COMPATIBILITY_DATE } from './runtimes.js';

const LISTEN_TIMEOUT_MS = 30_000;
const REPORT_TIMEOUT_MS = 120_000;

/**
 * The config of one run: the bundled worker, `@chatroutes/mock` as a module of its own, the
 * mock's URL as a text binding, and outbound requests allowed to loopback only ("local").
 * workerd listens on a free port and tells it on its control file descriptor.
 */
export function workerdConfig(mockUrl: string): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "@chatroutes/mock", esModule = embed "mock.js"),
  ],
  compatibilityDate = "${WORKERD_COMPATIBILITY_DATE}",
  bindings = [(name = "MOCK_URL", text = ${JSON.stringify(mockUrl)})],
  globalOutbound = "loopback",
);
`;
}

/** Bundles the worker, serves it with `workerd serve`, and asks it for the report. */
export async function runInWorkerd(
  { scratchDir, mockUrl }: CellContext,
  workerdPath: string,
  version: string,
): Promise<CellRun> {
  const dir = mkdtempSync(join(scratchDir, 'workerd-'));
  let output = '';
  let server: GuardedProcess | undefined;
  try {
    const worker = await bundle({
      entry: { path: join(scratchDir, 'runtimes', 'worker.mjs') },
      absWorkingDir: scratchDir,
      target: 'workerd',
      external: ['@chatroutes/mock'],
    });
    writeFileSync(join(dir, 'worker.js'), worker.code);
    writeFileSync(join(dir, 'mock.js'), await bundleMockRoot(scratchDir, 'workerd'));
    writeFileSync(join(dir, 'config.capnp'), workerdConfig(mockUrl));

    // Under the process guard, so that a killed test run leaves no workerd serving. The guard
    // passes on stdout and stderr only, so workerd's control messages go to stdout, beside the
    // worker's console output: they are the lines of JSON with an `event`.
    server = spawnGuarded(workerdPath, ['serve', 'config.capnp', '--control-fd=1'], { cwd: dir });
    const { child } = server;
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (output += text));
    const port = await listeningPort(child);
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      signal: AbortSignal.timeout(REPORT_TIMEOUT_MS),
    });
    const body = await response.text();
    output += `\n--- response ${response.status}\n${body}`;
    return { report: parseReport(body), version, output };
  } catch (error) {
    return { report: undefined, version, output: `${output}\n${(error as Error).stack}` };
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** The port workerd reports on stdout, its control fd (`{"event":"listen","port":…}`), or why not. */
function listeningPort(server: ChildProcess): Promise<number> {
  const control = server.stdout;
  if (!control) throw new Error('workerd has no stdout pipe');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`workerd did not listen within ${LISTEN_TIMEOUT_MS} ms`)),
      LISTEN_TIMEOUT_MS,
    );
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      outcome();
    };
    createInterface({ input: control }).on('line', (line) => {
      const event = parseControlEvent(line);
      if (event?.event === 'listen' && event.port) settle(() => resolve(event.port as number));
    });
    server.once('exit', (code) =>
      settle(() => reject(new Error(`workerd exited with ${code} before listening`))),
    );
    server.once('error', (error) => settle(() => reject(error)));
  });
}

function parseControlEvent(line: string): { event?: string; port?: number } | undefined {
  try {
    return JSON.parse(line) as { event?: string; port?: number };
  } catch {
    return undefined;
  }
}
