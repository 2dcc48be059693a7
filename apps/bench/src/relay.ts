/**
 * The relay of `chatroutes/server` against a direct call to the same upstream, over loopback,
 * each in a process of its own as in a deployment: the mock's HTTP server (its CLI) as the
 * upstream, the relay served by Node's `http` through @hono/node-server, and this process as
 * the browser, sending the same requests to each, taking turns.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { median } from './measure.js';
import type { Figure } from './report.js';

export interface RelayPlan {
  /** Streams opened per contender (their first byte is timed), taking turns. */
  streams: number;
  /** `GET /conversations/{id}` per contender and round, `concurrency` at a time. */
  gets: number;
  concurrency: number;
  rounds: number;
}

export const TTFB_MEASURE = 'stream: time to first byte, p50';
export const THROUGHPUT_MEASURE = 'GET /conversations/{id} throughput';
export const RELAY_OVERHEAD_MEASURE = 'stream: TTFB added by the relay, p50';
export const RELAY_CONTENDERS = {
  direct: 'direct to the upstream',
  bare: 'through a bare forward (no checks)',
  relay: 'through chatroutes/server',
} as const;
export const TTFB_BUDGET = 'budget: 2 ms added';
export const THROUGHPUT_BUDGET = 'budget: 0.8 × direct';

const apiKey = 'bench-key';
const user = { cookie: 'session=bench' };

/** Starts `args` under Node and resolves with the first line it prints (its URL). */
async function startProcess(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const [url] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(() => {
      throw new Error(`${args.join(' ')} exited before printing its URL`);
    }),
  ])) as [string];
  return { url, child };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill();
  await once(child, 'exit');
}

/** Milliseconds from sending a stream request to its first byte of body. */
async function firstByte(url: string, conversationId: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/conversations/${conversationId}/messages/stream`, {
    method: 'POST',
    headers: {
      ...user,
      authorization: `ApiKey ${apiKey}`,
      accept: 'text/event-stream',
      'content-type': 'application/json',
    },
    body: '{"content":"How fast is the first byte?"}',
  });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const { value } = await reader.read();
  const elapsed = performance.now() - started;
  if (!response.ok || !value) throw new Error(`the stream answered ${response.status}`);
  // The rest is paced by the mock (5 ms a word): hanging up ends it, through the relay too.
  await reader.cancel();
  return elapsed;
}

/** Requests per second of `count` GETs, `concurrency` in flight at once. */
async function throughput(url: string, id: string, count: number, concurrency: number) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const response = await fetch(`${url}/conversations/${id}`, {
        headers: { ...user, authorization: `ApiKey ${apiKey}` },
      });
      if (!response.ok) throw new Error(`GET answered ${response.status}`);
      await response.arrayBuffer();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count / ((performance.now() - started) / 1000);
}

export async function measureRelay(plan: RelayPlan): Promise<Figure[]> {
  const mockCli = createRequire(import.meta.url).resolve('@chatroutes/mock/package.json');
  const upstream = await startProcess([
    fileURLToPath(new URL('dist/cli.js', `file://${mockCli}`)),
    '--port',
    '0',
    '--stream-delay',
    '5',
    '--api-key',
    apiKey,
  ]);
  const relayScript = fileURLToPath(new URL('relay-server.ts', import.meta.url));
  const relay = await startProcess(['--import', 'tsx', relayScript, upstream.url, apiKey]);
  const bare = await startProcess(['--import', 'tsx', relayScript, upstream.url, apiKey, 'bare']);
  try {
    // One conversation each way: the relay's is created through it, so it owns it.
    const create = async (url: string) => {
      const response = await fetch(`${url}/conversations`, {
        method: 'POST',
        headers: { ...user, authorization: `ApiKey ${apiKey}`, 'content-type': 'application/json' },
        body: '{"title":"bench"}',
      });
      return ((await response.json()) as { data: { conversation: { id: string } } }).data
        .conversation.id;
    };
    const direct = await create(upstream.url);
    const targets = {
      [RELAY_CONTENDERS.direct]: { url: upstream.url, id: direct },
      [RELAY_CONTENDERS.bare]: { url: bare.url, id: direct },
      [RELAY_CONTENDERS.relay]: { url: relay.url, id: await create(relay.url) },
    };
    const ttfb = new Map<string, number[]>(Object.keys(targets).map((name) => [name, []]));
    for (let index = 0; index < plan.streams; index++) {
      for (const [name, { url, id }] of Object.entries(targets)) {
        ttfb.get(name)?.push(await firstByte(url, id));
      }
    }
    const rates = new Map<string, number[]>(Object.keys(targets).map((name) => [name, []]));
    for (let round = 0; round < plan.rounds; round++) {
      for (const [name, { url, id }] of Object.entries(targets)) {
        rates.get(name)?.push(await throughput(url, id, plan.gets, plan.concurrency));
      }
    }
    const p50 = (name: string) => median(ttfb.get(name) ?? []);
    const rate = (name: string) => median(rates.get(name) ?? []);
    const { direct: straight, bare: forward, relay: relayed } = RELAY_CONTENDERS;
    const everyone = [straight, forward, relayed];
    return [
      ...everyone.map((contender) => ({
        suite: 'relay',
        measure: TTFB_MEASURE,
        contender,
        value: p50(contender),
        unit: 'ms',
      })),
      {
        suite: 'relay',
        measure: RELAY_OVERHEAD_MEASURE,
        contender: relayed,
        value: p50(relayed) - p50(straight),
        unit: 'ms',
      },
      {
        suite: 'relay',
        measure: RELAY_OVERHEAD_MEASURE,
        contender: TTFB_BUDGET,
        value: 2,
        unit: 'ms',
      },
      ...everyone.map((contender) => ({
        suite: 'relay',
        measure: THROUGHPUT_MEASURE,
        contender,
        value: rate(contender),
        unit: 'req/s',
      })),
      {
        suite: 'relay',
        measure: THROUGHPUT_MEASURE,
        contender: THROUGHPUT_BUDGET,
        value: 0.8 * rate(straight),
        unit: 'req/s',
      },
    ];
  } finally {
    await stop(bare.child);
    await stop(relay.child);
    await stop(upstream.child);
  }
}
