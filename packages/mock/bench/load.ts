/**
 * Load benchmark of the mock (not a test): a few hundred concurrent clients on loopback,
 * each sending messages, then streaming replies, for a few seconds per scenario. Prints
 * requests/s and latency percentiles. Bounded in clients and time; talks to 127.0.0.1 only.
 *
 *   pnpm --filter @chatroutes/mock bench [--clients 200] [--seconds 3]
 *
 * The server runs in its own process (the CLI), so that clients and server do not share a
 * thread; streams are unpaced (`--stream-delay 0`) to measure the server, not the pacing.
 * It runs under the process guard, so a benchmark that is interrupted or killed (SIGKILL
 * included) does not leave it serving.
 */
import { parseArgs } from 'node:util';
import { type ClientsResult, percentile, rateOf, runClients } from './clients.js';
import { startMockCli } from './mock-cli.js';

const { values } = parseArgs({
  // `pnpm bench -- --clients 50` passes the `--` through: ignore it.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    clients: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '3' },
  },
});
const CLIENTS = Math.min(Number(values.clients), 1000);
const SECONDS = Math.min(Number(values.seconds), 30);
const WARM_UP_SECONDS = 1;
const HEADERS = { authorization: 'ApiKey bench', 'content-type': 'application/json' };

function report(name: string, result: ClientsResult): string {
  const { latencies, errors } = result;
  const at = (share: number) => percentile(latencies, share).toFixed(1);
  return `| ${name} | ${CLIENTS} | ${latencies.length} | ${rateOf(result).toFixed(0)} | ${at(0.5)} | ${at(0.99)} | ${errors} |`;
}

async function main(): Promise<void> {
  const { server, url } = await startMockCli();
  try {
    const conversations = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const response = await fetch(`${url}/conversations`, {
          method: 'POST',
          headers: HEADERS,
          body: '{}',
        });
        return (await response.json()).data.conversation.id as string;
      }),
    );
    const body = JSON.stringify({ content: 'How do I keep a long conversation cheap to answer?' });

    const sendOne = async (client: number) => {
      const response = await fetch(`${url}/conversations/${conversations[client]}/messages`, {
        method: 'POST',
        headers: HEADERS,
        body,
      });
      await response.arrayBuffer();
      return response.status === 200;
    };
    const streamOne = async (client: number) => {
      const response = await fetch(
        `${url}/conversations/${conversations[client]}/messages/stream`,
        {
          method: 'POST',
          headers: HEADERS,
          body,
        },
      );
      const text = await response.text();
      return response.status === 200 && text.endsWith('data: [DONE]\n\n');
    };

    // Unmeasured warm-up, so that the figures describe a JIT-compiled server.
    await runClients(CLIENTS, sendOne, { seconds: WARM_UP_SECONDS });
    await runClients(CLIENTS, streamOne, { seconds: WARM_UP_SECONDS });
    const send = await runClients(CLIENTS, sendOne, { seconds: SECONDS });
    const stream = await runClients(CLIENTS, streamOne, { seconds: SECONDS });

    console.log(`ChatRoutes mock load, ${SECONDS} s per scenario, Node ${process.version}\n`);
    console.log('| scenario | clients | requests | req/s | p50 ms | p99 ms | errors |');
    console.log('|---|---|---|---|---|---|---|');
    console.log(report('send (JSON)', send));
    console.log(report('stream (SSE, to [DONE])', stream));
  } finally {
    await server.stop();
  }
}

await main();
