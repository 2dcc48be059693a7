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
});
