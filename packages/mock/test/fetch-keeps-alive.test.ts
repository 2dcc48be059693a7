import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('fixtures/await-stalled-fetch.ts', import.meta.url));
// `--import tsx` resolves from the working directory: run where tsx is installed.
const packageDir = fileURLToPath(new URL('..', import.meta.url));

async function run(mode: 'request' | 'body'): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, mode], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    output += text;
  });
  const [code] = await once(child, 'exit');
  return { code, output: output.trim() };
}

describe('mock.fetch keeps the process alive like a real fetch', () => {
  it('while a stalled request is pending, until its signal fires', async () => {
    // Without the hold the event loop empties and Node exits 13 (unsettled top-level await).
    expect(await run('request')).toEqual({ code: 0, output: 'rejected: TimeoutError' });
  });

  it('while a stalled stream body is being read, until its signal fires', async () => {
    expect(await run('body')).toEqual({ code: 0, output: 'rejected: TimeoutError' });
  });
});
