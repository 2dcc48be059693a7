import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, setup } from './helpers.js';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
// `--import tsx` resolves from the working directory: run where tsx is installed.
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcess[] = [];
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chatroutes-mock-cli-state-'));
});
afterEach(() => {
  // Only the processes this file started, by their own handle.
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function spawnCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', ...args], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    stderr += text;
  });
  const url = new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (text: string) => {
      output += text;
      if (output.includes('\n')) resolve(output.split('\n')[0] as string);
    });
    child.once('exit', (code) => reject(new Error(`CLI exited with ${code}: ${stderr}`)));
  });
  url.catch(() => {});
  return { child, url, stderr: () => stderr };
}

const headers = { authorization: `ApiKey ${API_KEY}`, 'content-type': 'application/json' };

// Each test starts one or two CLI processes through tsx: seconds each on a loaded machine.
describe('chatroutes-mock --state / --save-state', { timeout: 30_000 }, () => {
  it('serves the data of a snapshot file', async () => {
    const source = setup();
    const conversation = await source.createConversation({ title: 'From a file' });
    await source.send(conversation.id, { content: 'Hello' });
    const file = join(dir, 'fixture.json');
    writeFileSync(file, JSON.stringify(source.mock.exportState()));

    const { url } = spawnCli(['--state', file]);
    const response = await fetch(`${await url}/conversations/${conversation.id}/messages`, {
      headers,
    });
    expect((await response.json()).data.messages).toEqual(await source.messages(conversation.id));
  });

  it('refuses a snapshot it cannot load with exit code 2', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ format: 'chatroutes-mock-state', version: 9 }));
    const bad = spawnCli(['--state', file]);
    const missing = spawnCli(['--state', join(dir, 'nothing.json')]);
    const [[badCode], [missingCode]] = await Promise.all([
      once(bad.child, 'exit'),
      once(missing.child, 'exit'),
    ]);
    expect(badCode).toBe(2);
    expect(bad.stderr()).toContain(
      `--state ${file}: Invalid mock state snapshot: snapshot.version`,
    );
    expect(missingCode).toBe(2);
    expect(missing.stderr()).toContain('--state: cannot read');
  });

  it('writes the data to a file when stopped, and that file starts the next run', async () => {
    const file = join(dir, 'saved.json');
    const first = spawnCli(['--save-state', file]);
    const created = await fetch(`${await first.url}/conversations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Kept' }),
    });
    const { id } = (await created.json()).data.conversation;
    first.child.kill('SIGTERM');
    expect((await once(first.child, 'exit'))[0]).toBe(0);
    expect(first.stderr()).toContain(`state saved to ${file}`);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toMatchObject({ format: 'chatroutes-mock-state', version: 1 });

    const second = spawnCli(['--state', file]);
    const kept = await fetch(`${await second.url}/conversations/${id}`, { headers });
    expect((await kept.json()).data.conversation.title).toBe('Kept');
  });
});
