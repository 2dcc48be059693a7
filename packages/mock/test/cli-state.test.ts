import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it('refuses a --save-state file it cannot write, at start, with exit code 2', async () => {
    const file = join(dir, 'no-such-folder', 'saved.json');
    const cli = spawnOnFreePort(['--save-state', file]);
    expect(await cli.exitCode).toBe(2);
    expect(cli.stderr()).toContain(`chatroutes-mock: --save-state ${file}: cannot write it (`);
    expect(cli.stdout()).toBe('');
  });

  it('keeps every committed change in the --save-state file: a SIGKILLed run restarts intact', async () => {
    const file = join(dir, 'saved.json');
    const first = spawnOnFreePort(['--save-state', file]);
    const url = await first.url;
    const created = await fetch(`${url}/conversations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Survives' }),
    });
    const { id } = (await created.json()).data.conversation;
    const sent = await fetch(`${url}/conversations/${id}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ content: 'Remember me' }),
    });
    expect(sent.status).toBe(200);
    // A stream commits as it ends: read to its end, it is saved too.
    const streamed = await fetch(`${url}/conversations/${id}/messages/stream`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ content: 'And this, streamed' }),
    });
    expect(await streamed.text()).toContain('data: [DONE]');
    const history = await fetch(`${url}/conversations/${id}/messages`, { headers });
    const messages = (await history.json()).data.messages;
    expect(messages).toHaveLength(4);

    // The changes are in the journal beside the snapshot, a line each.
    expect(readFileSync(`${file}.journal`, 'utf8').trimEnd().split('\n')).toHaveLength(3);
    // SIGKILL the CLI itself (the guard's child): no signal handler runs, nothing is saved
    // on the way out.
    const cliPid = Number(
      execFileSync('ps', ['-o', 'pid=', '--ppid', String(first.child.pid)], { encoding: 'utf8' }),
    );
    process.kill(cliPid, 'SIGKILL');
    await first.exitCode;
    expect(first.stderr()).not.toContain('state saved');

    const second = spawnOnFreePort(['--state', file, '--save-state', file]);
    const restored = await fetch(`${await second.url}/conversations/${id}/messages`, { headers });
    expect((await restored.json()).data.messages).toEqual(messages);
    // The restarted run wrote the journal into the snapshot and started a new one.
    expect(existsSync(`${file}.journal`)).toBe(false);
    expect(readFileSync(file, 'utf8')).toContain('Remember me');
  });
});
