import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnCli, stopClis } from './cli-process.js';
import { API_KEY, setup } from './helpers.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chatroutes-mock-cli-state-'));
});
afterEach(async () => {
  await stopClis();
  rmSync(dir, { recursive: true, force: true });
});

const spawnOnFreePort = (args: string[]) => spawnCli(['--port', '0', ...args]);

const headers = { authorization: `ApiKey ${API_KEY}`, 'content-type': 'application/json' };

// Each test starts one or two CLI processes through tsx: seconds each on a loaded machine.
describe('chatroutes-mock --state / --save-state', { timeout: 30_000 }, () => {
  it('serves the data of a snapshot file', async () => {
    const source = setup();
    const conversation = await source.createConversation({ title: 'From a file' });
    await source.send(conversation.id, { content: 'Hello' });
    const file = join(dir, 'fixture.json');
    writeFileSync(file, JSON.stringify(source.mock.exportState()));

    const { url } = spawnOnFreePort(['--state', file]);
    const response = await fetch(`${await url}/conversations/${conversation.id}/messages`, {
      headers,
    });
    expect((await response.json()).data.messages).toEqual(await source.messages(conversation.id));
  });

  it('refuses a snapshot it cannot load with exit code 2', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ format: 'chatroutes-mock-state', version: 9 }));
    const bad = spawnOnFreePort(['--state', file]);
    const missing = spawnOnFreePort(['--state', join(dir, 'nothing.json')]);
    const [badCode, missingCode] = await Promise.all([bad.exitCode, missing.exitCode]);
    expect(badCode).toBe(2);
    expect(bad.stderr()).toContain(
      `--state ${file}: Invalid mock state snapshot: snapshot.version`,
    );
    expect(missingCode).toBe(2);
    expect(missing.stderr()).toContain('--state: cannot read');
  });

  it('writes the data to a file when stopped, and that file starts the next run', async () => {
    const file = join(dir, 'saved.json');
    const first = spawnOnFreePort(['--save-state', file]);
    const created = await fetch(`${await first.url}/conversations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Kept' }),
    });
    const { id } = (await created.json()).data.conversation;
    first.child.kill('SIGTERM');
    expect(await first.exitCode).toBe(0);
    expect(first.stderr()).toContain(`state saved to ${file}`);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toMatchObject({ format: 'chatroutes-mock-state', version: 1 });

    const second = spawnOnFreePort(['--state', file]);
    const kept = await fetch(`${await second.url}/conversations/${id}`, { headers });
    expect((await kept.json()).data.conversation.title).toBe('Kept');
  });
});
