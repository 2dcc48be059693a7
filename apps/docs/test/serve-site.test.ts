import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GuardedProcess, spawnGuarded } from '@chatroutes/openapi';
import { PortInUseError, type StaticServer, serveStatic } from '@chatroutes/static-server';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { appDir } from '../src/paths.js';
import { choosePort, DEFAULT_PORT, serveOnChosenPort } from '../src/serve-port.js';
import { ensureBuiltSite } from './support/built-site.js';

describe('the port docs:serve listens on', () => {
  test('--port, --port=, a bare number or PORT is a required port; none is the default', () => {
    expect(choosePort(['--port', '5000'], {})).toEqual({ port: 5000, required: true });
    expect(choosePort(['--port=5001'], { PORT: '9' })).toEqual({ port: 5001, required: true });
    expect(choosePort(['5002'], {})).toEqual({ port: 5002, required: true });
    expect(choosePort([], { PORT: '5003' })).toEqual({ port: 5003, required: true });
    expect(choosePort([], {})).toEqual({ port: DEFAULT_PORT, required: false });
  });

  test('a port that is not a number says so', () => {
    expect(() => choosePort(['--port', 'eighty'], {})).toThrow('"eighty" is not a port');
    expect(() => choosePort([], { PORT: '70000' })).toThrow('"70000" is not a port');
  });
});

describe('serving when the port is taken', () => {
  let busy: StaticServer;
  let root: string;
  beforeAll(async () => {
    busy = await serveStatic({});
    root = await mkdtemp(join(tmpdir(), 'chatroutes-docs-serve-'));
    await writeFile(join(root, 'index.html'), '<h1>site</h1>');
  });
  afterAll(async () => {
    await busy?.close();
    await rm(root, { recursive: true, force: true });
  });

  test('the default port taken: a free port instead, and says which it left', async () => {
    const { server, movedFrom } = await serveOnChosenPort(root, {
      port: busy.port,
      required: false,
    });
    try {
      expect(movedFrom).toBe(busy.port);
      expect(server.port).not.toBe(busy.port);
      expect(await (await fetch(`${server.url}/`)).text()).toBe('<h1>site</h1>');
    } finally {
      await server.close();
    }
  });

  test('a port the reader asked for taken: PortInUseError', async () => {
    await expect(serveOnChosenPort(root, { port: busy.port, required: true })).rejects.toThrow(
      PortInUseError,
    );
  });

  describe('pnpm run docs:serve, as a reader runs it', () => {
    beforeAll(() => ensureBuiltSite());
    const started: GuardedProcess[] = [];
    // A test that failed before stopping its server: stop it here, not when the run ends.
    afterEach(() => Promise.all(started.splice(0).map((guarded) => guarded.stop())));

    /** The script under the process guard, so that a killed test run leaves no server behind. */
    const serve = (args: string[]) => {
      const guarded = spawnGuarded(
        process.execPath,
        ['--import', 'tsx', 'scripts/serve-site.ts', ...args],
        { cwd: appDir, env: { ...process.env, PORT: '' } },
      );
      started.push(guarded);
      const { child } = guarded;
      if (!child.stderr) throw new Error('the guard was started without pipes');
      return { child, firstLine: guarded.firstLine(), stderr: child.stderr };
    };

    test('on a port in use: one sentence saying what to do, exit 1, no stack trace', async () => {
      const { child, stderr: errors } = serve(['--port', String(busy.port)]);
      let stderr = '';
      errors.on('data', (chunk) => {
        stderr += chunk;
      });
      const [code] = await once(child, 'exit');
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(
        `docs:serve: Port ${busy.port} on 127.0.0.1 is already in use by another program. Choose another with --port <n> (or PORT=<n>), or leave both out to take a free port.`,
      );
    });

    test('on a free port: prints the URL, serves the site, stops on SIGTERM', async () => {
      const { child, firstLine } = serve(['--port', '0']);
      const line = await firstLine;
      const url = /at (http:\/\/127\.0\.0\.1:\d+\/) /.exec(line)?.[1];
      expect(url, line).toBeDefined();
      expect((await fetch(url ?? '')).status).toBe(200);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      expect((await exited)[0]).toBe(0);
    });
  });
});
