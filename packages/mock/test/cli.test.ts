import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
// `--import tsx` resolves from the working directory: run where tsx is installed.
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  // Only the processes this file started, by their own handle.
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts the CLI (from source, through tsx) and resolves with the URL it prints first. */
async function startCli(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (text: string) => {
      output += text;
      const line = output.split('\n')[0];
      if (output.includes('\n') && line) resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`CLI exited early with ${code}`)));
  });
  return { child, url };
}

describe('chatroutes-mock CLI', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'prints its URL, serves, and exits 0 on %s',
    async (signal) => {
      const { child, url } = await startCli(['--port', '0', '--api-key', 'cli-key']);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);

      const health = await fetch(`${url}/autobranch/health`, {
        headers: { authorization: 'ApiKey cli-key' },
      });
      expect(health.status).toBe(200);
      const refused = await fetch(`${url}/autobranch/health`, {
        headers: { authorization: 'ApiKey other' },
      });
      expect(refused.status).toBe(401);

      expect(child.pid).toBeTypeOf('number');
      process.kill(child.pid as number, signal);
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      await expect(fetch(`${url}/autobranch/health`)).rejects.toThrow();
    },
  );

  it('refuses bad options with exit code 2 and the usage', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--fault-kinds', 'boom'], {
      cwd: packageDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      stderr += text;
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('unknown fault kind "boom"');
    expect(stderr).toContain('Usage: chatroutes-mock');
  });
});
