// Record and replay: traffic recorded against the mock's own server (the stand-in for the
// real service, which tests never contact), replayed with the network blocked.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type Cassette,
  CassetteError,
  CassetteMismatchError,
  diffCassettes,
  readCassette,
  recordTraffic,
  replayTraffic,
} from '../src/index.js';
import { createMockServer, type MockServer } from '../src/node.js';
import { spawnCli, stopClis } from './cli-process.js';

const KEY = 'sk_live_0123456789abcdef';
const servers: MockServer[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  await stopClis();
  for (const server of servers.splice(0)) await server.close();
});

/** The mock on a loopback port, the same data on every start: fixed seed and clock. */
async function standIn(): Promise<MockServer> {
  let tick = Date.UTC(2026, 11, 1);
  const server = await createMockServer({
    seed: 11,
    streamDelayMs: 0,
    now: () => {
      tick += 1000;
      return new Date(tick);
    },
  });
  servers.push(server);
  return server;
}

/**
 * A scenario as an app drives the API (create, send, stream, fork, checkpoint, list): what
 * each step answered, in the app's own terms.
 */
async function scenario(fetch: typeof globalThis.fetch, base: string): Promise<unknown[]> {
  const headers = { authorization: `ApiKey ${KEY}`, 'content-type': 'application/json' };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...headers, 'idempotency-key': crypto.randomUUID() },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, text };
  };
  const json = (answer: { text: string }) => JSON.parse(answer.text);
  const created = json(await call('POST', '/conversations', { title: 'Recorded' }));
  const id: string = created.data.conversation.id;
  // The key pasted into a message: the answer echoes it, and the cassette must not keep it.
  const sent = json(await call('POST', `/conversations/${id}/messages`, { content: `Hi ${KEY}` }));
  const streamed = await call('POST', `/conversations/${id}/messages/stream`, {
    content: 'Tell me about forks',
  });
  const replyId: string = sent.data.message.id;
  const fork = json(
    await call('POST', `/conversations/${id}/fork`, {
      forkPointMessageId: replyId,
      title: 'Aside',
    }),
  );
  const branchId: string = fork.data.branch.id;
  const checkpoint = await call('POST', `/conversations/${id}/checkpoints`, {
    branchId,
    anchorMessageId: replyId,
  });
  const listed = await call('GET', `/conversations/${id}/messages?limit=10`);
  const missing = await call('GET', '/conversations/conv_missing');
  return [created, sent, streamed, fork, checkpoint, listed, missing];
}

async function record(): Promise<{ cassette: Cassette; answers: unknown[] }> {
  const server = await standIn();
  const recording = recordTraffic(globalThis.fetch);
  const answers = await scenario(recording.fetch, server.url);
  return { cassette: recording.cassette(), answers };
}

describe('recordTraffic', () => {
  it('names each operation and never writes the key, Authorization or a cookie', async () => {
    const { cassette } = await record();
    const text = JSON.stringify(cassette);
    expect(text).not.toContain(KEY);
    expect(text.toLowerCase()).not.toMatch(/authorization|apikey|cookie|idempotency/);
    expect(text).toContain('Hi [redacted]');
    expect(cassette.interactions.map((i) => i.operation)).toEqual([
      'createConversation',
      'sendMessage',
      'streamMessage',
      'forkConversation',
      'createCheckpoint',
      'listMessages',
      'getConversation',
    ]);
    const stream = cassette.interactions[2];
    expect(stream?.response.events?.at(-1)).toBe('[DONE]');
    expect(stream?.response.events?.some((e) => (e as { type?: string }).type === 'content'));
  });

  it('rewrites ids the same way on every recording, so two recordings compare equal', async () => {
    const first = (await record()).cassette;
    const second = (await record()).cassette;
    expect(first.interactions[0]?.request.path).toBe('/conversations');
    expect(first.interactions[1]?.request.path).toBe('/conversations/conv_rec0001/messages');
    // Everything but how long each reply took (wall time, even on the mock) is the same.
    expect(diffCassettes(first, second)).toEqual([]);
    const strict = diffCassettes(first, second, { strict: true });
    expect(strict.every(({ path }) => path.endsWith('.responseTime'))).toBe(true);
  });
});

describe('replayTraffic', () => {
  it('answers the scenario as it was recorded, with the network blocked', async () => {
    const { cassette } = await record();
    const network = vi.fn(() => Promise.reject(new Error('the network is blocked')));
    vi.stubGlobal('fetch', network);
    const replayed = await scenario(
      replayTraffic(JSON.stringify(cassette)),
      'https://api.chatroutes.com/api/v1',
    );
    expect(network).not.toHaveBeenCalled();
    // What the app read on replay is what the cassette holds (ids as rewritten), step by step.
    const [created, sent, streamed, fork, checkpoint, listed, missing] = replayed as [
      unknown,
      unknown,
      { text: string },
      unknown,
      { status: number; text: string },
      { text: string },
      { status: number },
    ];
    const recordedBody = (index: number) => cassette.interactions[index]?.response.body;
    expect(created).toEqual(recordedBody(0));
    expect(sent).toEqual(recordedBody(1));
    expect(JSON.stringify(sent)).toContain('conv_rec0001');
    expect(streamed.text).toContain('data: [DONE]');
    expect(streamed.text.split('\n\n').filter(Boolean)).toHaveLength(
      cassette.interactions[2]?.response.events?.length ?? -1,
    );
    expect(fork).toEqual(recordedBody(3));
    expect(checkpoint.status).toBe(cassette.interactions[4]?.response.status);
    expect(JSON.parse(listed.text)).toEqual(recordedBody(5));
    expect(missing.status).toBe(404);
  });

  it('refuses a request it has no answer for, saying which', async () => {
    const { cassette } = await record();
    const replay = replayTraffic(cassette);
    await expect(
      replay('https://api.chatroutes.com/api/v1/conversations', {
        method: 'POST',
        body: JSON.stringify({ title: 'Not recorded' }),
      }),
    ).rejects.toThrow(CassetteMismatchError);
    await expect(
      replay('https://api.chatroutes.com/api/v1/conversations/conv_rec0001/branches'),
    ).rejects.toThrow(/no unused listBranches interaction/);
  });

  it('refuses what is not a cassette', () => {
    expect(() => readCassette('{"format":"chatroutes-mock-state"}')).toThrow(CassetteError);
    expect(() => replayTraffic('not json')).toThrow(/not JSON/);
  });
});

describe('chatroutes-mock diff', { timeout: 30_000 }, () => {
  async function diff(before: Cassette, after: Cassette, ...flags: string[]) {
    const dir = mkdtempSync(join(tmpdir(), 'cassettes-'));
    const files = [join(dir, 'before.json'), join(dir, 'after.json')];
    writeFileSync(files[0] as string, JSON.stringify(before));
    writeFileSync(files[1] as string, JSON.stringify(after));
    const cli = spawnCli(['diff', ...files, ...flags]);
    return { code: await cli.exitCode, stdout: cli.stdout(), stderr: cli.stderr() };
  }

  it('exits 0 for a re-recording that matches, 1 naming the JSON path of a change', async () => {
    const first = (await record()).cassette;
    const second = (await record()).cassette;
    expect(await diff(first, second)).toMatchObject({
      code: 0,
      stdout: /match \(7 interactions\)/,
    });

    const changed = structuredClone(second);
    const reply = changed.interactions[1]?.response.body as {
      data: { message: { content: string } };
    };
    reply.data.message.content = 'Something else';
    const result = await diff(first, changed);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('interactions[1].response.body.data.message.content:');
    expect(result.stdout).toContain('"Something else"');
  });

  it('skips timestamps unless --strict, and refuses a file that is not a cassette', async () => {
    const first = (await record()).cassette;
    const later = structuredClone(first);
    const created = later.interactions[0]?.response.body as {
      data: { conversation: { createdAt: string } };
    };
    created.data.conversation.createdAt = '2030-01-01T00:00:00.000Z';
    expect((await diff(first, later)).code).toBe(0);
    expect(await diff(first, later, '--strict')).toMatchObject({
      code: 1,
      stdout: /interactions\[0\]\.response\.body\.data\.conversation\.createdAt/,
    });
    const notCassette = { ...first, format: 'other' } as unknown as Cassette;
    expect(await diff(first, notCassette)).toMatchObject({ code: 2, stderr: /not a cassette/i });
  });
});
