import { once } from 'node:events';
import { join } from 'node:path';
import { spawnGuarded } from '@chatroutes/openapi';
import { expect, inject, it } from 'vitest';

const scratchDir = inject('scratchDir');

// The `chatroutes-mock` command npm linked from the tarball's `bin`: its shebang, its
// executable bit and its ESM chunks must all have survived packing.
it('serves the API from the packed chatroutes-mock command and stops on SIGTERM', async () => {
  // Under the process guard, so that a killed test run leaves no server behind; a SIGTERM sent
  // to the guard reaches the command, and the guard exits with the command's code.
  const guarded = spawnGuarded(
    join(scratchDir, 'node_modules', '.bin', 'chatroutes-mock'),
    ['--port', '0', '--stream-delay', '0'],
    { cwd: scratchDir },
  );
  const server = guarded.child;
  try {
    const firstLine = await guarded.firstLine();
    const baseUrl = new URL(firstLine);
    expect(baseUrl.hostname).toBe('127.0.0.1');

    const response = await fetch(`${firstLine}/conversations`, {
      method: 'POST',
      headers: { authorization: 'ApiKey compat-key', 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'from the command' }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      success: true,
      data: { conversation: { title: 'from the command' } },
    });
  } finally {
    const exited = once(server, 'exit');
    server.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  }
});
