import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnCli, stopClis } from './cli-process.js';

afterEach(stopClis);

/** Starts the CLI and resolves once it prints its URL. */
async function startCli(args: string[]) {
  const started = spawnCli(args);
  return { ...started, url: await started.url };
}

/**
 * Runs the CLI to its end: its exit code and what it wrote to stderr. On a free port, so
 * that a command line accepted by mistake cannot take (or fail on) the default one.
 */
async function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const { exitCode, stderr } = spawnCli(['--port', '0', ...args]);
  return { code: await exitCode, stderr: stderr() };
}

const AUTH = { authorization: 'ApiKey k', 'content-type': 'application/json' };

function post(url: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { ...AUTH, ...headers },
    body: JSON.stringify(body),
  });
}

/** A `createConversation` body of exactly `bytes` bytes. */
const conversationOfBytes = (bytes: number) => ({
  title: 't'.repeat(bytes - JSON.stringify({ title: '' }).length),
});

describe('chatroutes-mock CLI', { timeout: 30_000 }, () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'prints its URL, serves, and exits 0 on %s',
    async (signal) => {
      const { child, url, exitCode, stderr } = await startCli([
        '--port',
        '0',
        '--api-key',
        'cli-key',
      ]);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);

      const health = await fetch(`${url}/autobranch/health`, {
        headers: { authorization: 'ApiKey cli-key' },
      });
      expect(health.status).toBe(200);
      const refused = await fetch(`${url}/autobranch/health`, {
        headers: { authorization: 'ApiKey other' },
      });
      expect(refused.status).toBe(401);

      child.kill(signal);
      expect(await exitCode).toBe(0);
      // The guard passed the signal on as it came.
      expect(stderr()).toContain(`chatroutes-mock: ${signal}, shutting down`);
      await expect(fetch(`${url}/autobranch/health`)).rejects.toThrow();
    },
  );

  it('refuses bad options with exit code 2 and the usage', async () => {
    const { code, stderr } = await runCli(['--fault-rate', '0.5', '--fault-kinds', 'boom']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown fault kind "boom"');
    expect(stderr).toContain('Usage: chatroutes-mock');
  });

  it('a busy port: says EADDRINUSE, names the flag and suggests --port 0, exit code 2', async () => {
    const holder = createServer().listen(0, '127.0.0.1');
    await once(holder, 'listening');
    try {
      const { port } = holder.address() as { port: number };
      const { exitCode, stderr } = spawnCli(['--port', String(port)]);
      expect(await exitCode).toBe(2);
      expect(stderr()).toContain(
        `chatroutes-mock: --port ${port}: 127.0.0.1:${port} is in use (EADDRINUSE); stop what holds it, or pass --port 0 for any free port`,
      );
    } finally {
      holder.close();
    }
  });

  it('--max-body-bytes: a larger body gets 413 with the envelope, a smaller one passes', async () => {
    const { url } = await startCli(['--port', '0', '--max-body-bytes', '1024']);
    const refused = await post(url, '/conversations', conversationOfBytes(2048));
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({
      success: false,
      code: 'PAYLOAD_TOO_LARGE',
      details: { maxBytes: 1024 },
    });
    const accepted = await post(url, '/conversations', conversationOfBytes(512));
    expect(accepted.status).toBe(201);
  });

  it('--idempotency-max-keys, --context-window and --latency reach the mock', async () => {
    const { url } = await startCli([
      '--port',
      '0',
      '--idempotency-max-keys',
      '1',
      '--context-window',
      '30',
      '--latency',
      '200-300',
    ]);
    const create = async (key: string) => {
      const response = await post(
        url,
        '/conversations',
        { title: key },
        { 'idempotency-key': key },
      );
      const { id } = (await response.json()).data.conversation;
      return { id, replayed: response.headers.get('idempotent-replayed') === 'true' };
    };
    const first = await create('key-1');
    expect(await create('key-1')).toEqual({ id: first.id, replayed: true });
    await create('key-2');
    // One key is remembered: key-2 pushed key-1 out, so its retry runs afresh.
    const again = await create('key-1');
    expect(again.replayed).toBe(false);
    expect(again.id).not.toBe(first.id);

    const path = `/conversations/${first.id}/messages`;
    const started = performance.now();
    await post(url, path, { content: 'Tell me all about the trams of Lisbon and their routes.' });
    // A lower bound only: the request waited at least the shortest latency.
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
    const reply = (await (await post(url, path, { content: 'And the ferries?' })).json()).data;
    // 30 tokens hold the new question but not the earlier exchange (8 000 would hold both).
    expect(reply.message.metadata).toMatchObject({
      context_truncated: true,
      context_message_count: 1,
    });
  });

  it('--fault-retry-after and --idempotency-max-bytes reach the mock', async () => {
    const [faulty, forgetful] = await Promise.all([
      startCli([
        '--port',
        '0',
        '--fault-rate',
        '1',
        '--fault-kinds',
        '429',
        '--fault-retry-after',
        '7',
      ]),
      startCli(['--port', '0', '--idempotency-max-bytes', '1']),
    ]);
    const limited = await post(faulty.url, '/conversations', { title: 'x' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');

    // No answer fits in one byte: none is kept, so a retry with the same key runs again.
    const headers = { 'idempotency-key': 'key-1' };
    const first = await post(forgetful.url, '/conversations', { title: 'x' }, headers);
    const retry = await post(forgetful.url, '/conversations', { title: 'x' }, headers);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect((await retry.json()).data.conversation.id).not.toBe(
      (await first.json()).data.conversation.id,
    );
  });

  it('refuses a bad value of any flag with exit code 2 and one line naming the flag', async () => {
    const cases: [string[], string][] = [
      [['--max-body-bytes', '1.5'], '--max-body-bytes: must be a positive integer, got 1.5'],
      [['--max-body-bytes', 'lots'], '--max-body-bytes: expected a number, got "lots"'],
      [['--max-body-bytes='], '--max-body-bytes: expected a number, got ""'],
      [['--context-window', '0'], '--context-window: must be a positive integer, got 0'],
      [['--idempotency-max-keys=-1'], '--idempotency-max-keys: must be a positive integer, got -1'],
      [['--idempotency-max-bytes', '2e100'], '--idempotency-max-bytes: must be a positive integer'],
      [['--fault-rate', '1', '--fault-retry-after', '0.5'], '--fault-retry-after: must be a whole'],
      [['--fault-retry-after', '5'], '--fault-retry-after needs --fault-rate'],
      [['--fault-kinds', '429'], '--fault-kinds needs --fault-rate'],
      [['--fault-rate', '2'], '--fault-rate: must be 0–1, got 2'],
      [['--latency', '80-20'], '--latency: must be ≥ latency.min (80), got 20'],
      [['--latency', '3000000000'], '--latency: must be 0–2147483647 ms, got 3000000000'],
      [['--stream-delay', '-1'], 'ambiguous'],
      [['--port', '70000'], '--port: must be an integer from 0 to 65535, got 70000'],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args)));
    results.forEach(({ code, stderr }, index) => {
      const [args, message] = cases[index] ?? [[], ''];
      const [firstLine = '', blank, ...usage] = stderr.split('\n');
      expect({ args, code, firstLine }).toEqual({
        args,
        code: 2,
        firstLine: expect.stringContaining(message),
      });
      expect(firstLine.startsWith('chatroutes-mock: ')).toBe(true);
      expect(blank).toBe('');
      expect(usage[0]).toBe('Usage: chatroutes-mock [options]');
      expect(stderr).not.toMatch(/^\s+at /m);
    });
  });

  it('--help lists every flag, and so does the README', async () => {
    const cli = spawnCli(['--help']);
    expect(await cli.exitCode).toBe(0);
    const help = cli.stdout();
    const flags = [...help.matchAll(/^ {2}(?:-h, )?(--[a-z-]+)/gm)].map((match) => match[1]);
    for (const flag of [
      '--max-body-bytes',
      '--context-window',
      '--idempotency-max-keys',
      '--idempotency-max-bytes',
      '--fault-retry-after',
      '--latency',
    ]) {
      expect(flags).toContain(flag);
    }
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const cliSection = readme.slice(readme.indexOf('### CLI'), readme.indexOf('## How it behaves'));
    for (const flag of flags) expect(cliSection, `README, CLI section: ${flag}`).toContain(flag);
  });
});
