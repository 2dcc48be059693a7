import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { freePort } from './free-port.js';
import { spawnGuarded } from './guarded-process.js';
import { specPath } from './spec.js';

export interface PrismOptions {
  /** Proxy to this upstream and validate its traffic against the spec, instead of mocking. */
  upstream?: string;
  /** With `upstream`: turn every spec violation, either way, into an error response. */
  errors?: boolean;
  /** How long Prism may take to answer its first request (ms). */
  startTimeout?: number;
}

export interface PrismServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`; paths of the spec are relative to it. */
  url: string;
  /** The guard process's PID (Prism runs as its only child). */
  pid: number;
  /** Prism's recent output, for failure messages. */
  logs(): string;
  /** Stops Prism and waits until it has exited. */
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
const prismEntry = require.resolve('@stoplight/prism-cli/dist/index.js');
const keptLogLines = 200;

/**
 * Starts a real Prism process on a free loopback port serving the ChatRoutes spec: a mock by
 * default, or a validating proxy in front of `upstream`. Resolves once Prism answers HTTP.
 */
export async function startPrism(options: PrismOptions = {}): Promise<PrismServer> {
  const port = await freePort();
  const mode = options.upstream ? ['proxy', specPath, options.upstream] : ['mock', specPath];
  const flags = ['-h', '127.0.0.1', '-p', String(port), ...(options.errors ? ['--errors'] : [])];
  const guarded = spawnGuarded(process.execPath, [prismEntry, ...mode, ...flags], {
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const { child } = guarded;
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - keptLogLines));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const url = `http://127.0.0.1:${port}`;
  const server: PrismServer = {
    url,
    pid: guarded.pid,
    logs: () => lines.join('\n'),
    close: guarded.stop,
  };
  try {
    await waitUntilAnswering(url, child, options.startTimeout ?? 45_000);
  } catch (error) {
    await server.close();
    throw new Error(`Prism did not start: ${(error as Error).message}\n${server.logs()}`);
  }
  return server;
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeout: number) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`it exited with code ${child.exitCode}`);
    try {
      // Any HTTP answer (401 without a key is the usual one) proves Prism is serving.
      await fetch(`${url}/autobranch/health`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`no answer within ${timeout} ms`);
}
