/**
 * The mock beside Prism serving the same spec (not a test): what a test suite's load costs
 * each, on loopback, with the same clients. Prints, for reading a conversation and for
 * sending into one as it grows to 10 000 messages, requests/s and p99 of both and their
 * ratios (above 1: the mock serves more). Prism answers every send with the spec's example
 * and stores nothing; the mock stores every exchange, so its sends pay for a real history.
 *
 *   pnpm --filter @chatroutes/mock bench:vs-prism [--clients 50] [--messages 10000]
 *
 * Both servers run in their own processes under the process guard, on 127.0.0.1 only.
 */
import { parseArgs } from 'node:util';
import { startPrism } from '@chatroutes/openapi';
import { type ClientsResult, percentile, rateOf, runClients } from './clients.js';
import { startMockCli } from './mock-cli.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    clients: { type: 'string', default: '50' },
    messages: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '4' },
  },
});
const CLIENTS = Math.min(Number(values.clients), 500);
const MESSAGES = Math.min(Number(values.messages), 50_000);
const SECONDS = Math.min(Number(values.seconds), 30);
/** The growth is reported in five bands of the conversation's length. */
const BANDS = 5;
const HEADERS = { authorization: 'ApiKey bench', 'content-type': 'application/json' };
const SEND_BODY = JSON.stringify({ content: 'How do I keep a long conversation cheap to answer?' });

/** A server under test: where its API is, and a conversation to read and send into. */
interface Target {
  name: string;
  api: string;
  conversationId: string;
}

const get = (target: Target) => async () => {
  const response = await fetch(`${target.api}/conversations/${target.conversationId}`, {
    headers: HEADERS,
  });
  await response.arrayBuffer();
  return response.ok;
};

const send = (target: Target) => async () => {
  const response = await fetch(`${target.api}/conversations/${target.conversationId}/messages`, {
    method: 'POST',
    headers: HEADERS,
    body: SEND_BODY,
  });
  await response.arrayBuffer();
  return response.ok;
};

async function conversationOn(api: string): Promise<string> {
  const response = await fetch(`${api}/conversations`, {
    method: 'POST',
    headers: HEADERS,
    body: '{}',
  });
  return (await response.json()).data.conversation.id;
}

/** Sends until the conversation holds `MESSAGES` messages, timing each band of its growth. */
async function growing(target: Target): Promise<ClientsResult[]> {
  const sendsPerBand = MESSAGES / 2 / BANDS;
  const bands: ClientsResult[] = [];
  for (let band = 0; band < BANDS; band++) {
    bands.push(await runClients(CLIENTS, send(target), { requests: sendsPerBand }));
  }
  return bands;
}

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const fixed = (value: number, digits = 0) => value.toFixed(digits);

async function main(): Promise<void> {
  const mockCli = await startMockCli();
  const prism = await startPrism();
  try {
    const mock: Target = { name: 'mock', api: mockCli.url, conversationId: '' };
    mock.conversationId = await conversationOn(mock.api);
    const spec: Target = { name: 'Prism', api: prism.url, conversationId: '' };
    spec.conversationId = await conversationOn(spec.api);

    // Warm both up, then read: the same clients, one server after the other.
    for (const target of [mock, spec]) await runClients(CLIENTS, get(target), { seconds: 1 });
    const reads = {
      mock: await runClients(CLIENTS, get(mock), { seconds: SECONDS }),
      prism: await runClients(CLIENTS, get(spec), { seconds: SECONDS }),
    };
    const sends = { mock: await growing(mock), prism: await growing(spec) };

    console.log(`The mock beside Prism, ${CLIENTS} clients on loopback, Node ${process.version}\n`);
    console.log(
      row([
        'scenario',
        'mock req/s',
        'Prism req/s',
        'req/s ×',
        'mock p99 ms',
        'Prism p99 ms',
        'p99 ×',
      ]),
    );
    console.log(row(['---', '---', '---', '---', '---', '---', '---']));
    const line = (name: string, ours: ClientsResult, theirs: ClientsResult) =>
      row([
        name,
        fixed(rateOf(ours)),
        fixed(rateOf(theirs)),
        fixed(rateOf(ours) / rateOf(theirs), 2),
        fixed(percentile(ours.latencies, 0.99), 1),
        fixed(percentile(theirs.latencies, 0.99), 1),
        fixed(percentile(ours.latencies, 0.99) / percentile(theirs.latencies, 0.99), 2),
      ]);
    console.log(line('GET a conversation', reads.mock, reads.prism));
    sends.mock.forEach((band, index) => {
      const from = (index * MESSAGES) / BANDS;
      const to = ((index + 1) * MESSAGES) / BANDS;
      const prismBand = sends.prism[index] as ClientsResult;
      console.log(line(`POST a message, ${from}–${to} messages`, band, prismBand));
    });
    const errors = [reads.mock, reads.prism, ...sends.mock, ...sends.prism].reduce(
      (sum, result) => sum + result.errors,
      0,
    );
    console.log(`\nErrors: ${errors}`);
  } finally {
    await prism.close();
    await mockCli.server.stop();
  }
}

await main();
