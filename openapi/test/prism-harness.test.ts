import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answers, eventually, freePort, isRunning, specPath, startPrism } from '../src/index.js';

describe('the Prism harness', () => {
  it('starts Prism on a loopback port and stops it by PID', async () => {
    const prism = await startPrism();
    expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await answers(`${prism.url}/autobranch/health`)).toBe(true);
    await prism.close();
    expect(isRunning(prism.pid)).toBe(false);
    expect(await answers(`${prism.url}/autobranch/health`)).toBe(false);
  });

  it('leaves no Prism behind when the process that started it is killed', async () => {
    const port = await freePort();
    const require = createRequire(import.meta.url);
    const guard = fileURLToPath(new URL('../src/process-guard.mjs', import.meta.url));
    const entry = require.resolve('@stoplight/prism-cli/dist/index.js');
    // A stand-in for a test runner: it starts Prism through the guard, then hangs until killed.
    const script = `
      const { spawn } = require('node:child_process');
      const args = ${JSON.stringify([guard, process.execPath, entry, 'mock', specPath, '-h', '127.0.0.1', '-p', String(port)])};
      spawn(process.execPath, args, { stdio: ['pipe', 'ignore', 'ignore'] });
      setInterval(() => {}, 1000);`;
    const runner = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    const url = `http://127.0.0.1:${port}/autobranch/health`;
    try {
      expect(await eventually(() => answers(url), 30_000)).toBe(true);
    } finally {
      runner.kill('SIGKILL');
    }
    expect(await eventually(async () => !(await answers(url)))).toBe(true);
  });
});
