import { describe, expect, it } from 'vitest';
import { answers, eventually, freePort, spawnGuarded } from '../src/index.js';

describe('spawnGuarded', () => {
  it('stops what the command started in turn, even a process that ignores SIGTERM', async () => {
    const port = await freePort();
    // Like `npx server`: the command starts the real server as its own child. That server
    // ignores SIGTERM, so only a SIGKILL of the whole group takes it down.
    const server = `process.on('SIGTERM', () => {});
      require('node:http').createServer((_, res) => res.end('ok')).listen(${port}, '127.0.0.1');`;
    const launcher = `require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(server)}], { stdio: 'inherit' });`;
    const guarded = spawnGuarded(process.execPath, ['-e', launcher], { output: 'ignore' });
    const url = `http://127.0.0.1:${port}/`;
    try {
      expect(await eventually(() => answers(url))).toBe(true);
    } finally {
      await guarded.stop();
    }
    expect(await answers(url)).toBe(false);
  });

  it('leaves no unhandled rejection when nobody reads the first line of a failing command', async () => {
    const rejections: unknown[] = [];
    const record = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', record);
    try {
      const failing = spawnGuarded(process.execPath, ['-e', 'process.exit(1)']);
      failing.firstLine();
      await failing.exited;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('unhandledRejection', record);
    }
    expect(rejections).toEqual([]);
  });

  it('gives the first line the command prints, or what it said on stderr if it prints none', async () => {
    const printing = spawnGuarded(process.execPath, [
      '-e',
      "console.log('http://x'); console.log('more')",
    ]);
    await expect(printing.firstLine()).resolves.toBe('http://x');
    await printing.exited;
    const silent = spawnGuarded(process.execPath, [
      '-e',
      "console.error('no port'); process.exit(3)",
    ]);
    await expect(silent.firstLine()).rejects.toThrow(
      /ended \(code 3\) before printing a line\nno port/,
    );
  });
});
