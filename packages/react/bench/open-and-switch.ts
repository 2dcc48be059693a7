/**
 * Requests and bytes to open a 1 000-message, 50-branch conversation and switch through every
 * branch, with the store against the naive client ("refetch the branch history on every
 * switch"). Both run on the same in-process mock, side by side in one run. Then: how many
 * snapshot updates a streamed reply causes, per chunk (`throttle: 0`) and by default.
 *
 *     pnpm --filter @chatroutes/react bench
 */
import { createMockApp } from '@chatroutes/mock';
import { ChatRoutes } from 'chatroutes';
import { ConversationStore } from 'chatroutes/store';

const BRANCHES = 50;
const MAIN_EXCHANGES = 59; // 118 messages on the main branch
const FORK_EXCHANGES = 9; // 18 messages on each of the 49 forks: 1 000 messages in all

const mock = createMockApp({ streamDelayMs: 0 });
const traffic = { requests: 0, bytes: 0 };
const countingFetch: typeof fetch = async (input, init) => {
  const response = await mock.fetch(input, init);
  traffic.requests += 1;
  traffic.bytes += (await response.clone().arrayBuffer()).byteLength;
  return response;
};
const client = new ChatRoutes({ apiKey: 'bench', fetch: countingFetch });

async function buildConversation(): Promise<{ id: string; branchIds: string[] }> {
  const { id } = await client.conversations.create({ title: 'Bench' });
  const main = await client.branches.main(id);
  for (let i = 0; i < MAIN_EXCHANGES; i += 1) {
    await client.branches.sendMessage(id, main.id, { content: `Question ${i} about the trip` });
  }
  const mainHistory = await client.branches.getMessages(id, main.id);
  const branchIds = [main.id];
  for (let b = 1; b < BRANCHES; b += 1) {
    // Forks spread along the main branch, at assistant replies.
    const at = mainHistory[Math.floor((b / BRANCHES) * (mainHistory.length / 2)) * 2 + 1];
    if (!at) throw new Error('no fork point');
    const branch = await client.branches.fork(id, { forkPointMessageId: at.id, title: `B${b}` });
    for (let i = 0; i < FORK_EXCHANGES; i += 1) {
      await client.branches.sendMessage(id, branch.id, { content: `Branch ${b}, question ${i}` });
    }
    branchIds.push(branch.id);
  }
  return { id, branchIds };
}

function measure<T>(run: () => Promise<T>): Promise<{ requests: number; bytes: number }> {
  const start = { ...traffic };
  return run().then(() => ({
    requests: traffic.requests - start.requests,
    bytes: traffic.bytes - start.bytes,
  }));
}

const { id, branchIds } = await buildConversation();
const total = (await client.conversations.get(id)).messageCount;

const store = new ConversationStore(client, id, { throttle: 0 });
const storeOpen = await measure(() => store.open());
const storeSwitch = await measure(async () => {
  for (const branchId of branchIds.slice(1)) await store.switchBranch(branchId);
});
const storeBack = await measure(async () => {
  for (const branchId of branchIds) await store.switchBranch(branchId);
});
if (store.getSnapshot().error) throw store.getSnapshot().error;

const naiveOpen = await measure(async () => {
  await client.branches.list(id);
  await client.branches.getMessages(id, branchIds[0] as string);
});
const naiveSwitch = await measure(async () => {
  for (const branchId of branchIds.slice(1)) await client.branches.getMessages(id, branchId);
});
const naiveBack = await measure(async () => {
  for (const branchId of branchIds) await client.branches.getMessages(id, branchId);
});

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const row = (name: string, s: { requests: number; bytes: number }, n: typeof s) =>
  `| ${name} | ${s.requests} | ${kib(s.bytes)} | ${n.requests} | ${kib(n.bytes)} |`;
console.log(`${total} messages, ${branchIds.length} branches\n`);
console.log('| step | store: requests | store: bytes | naive: requests | naive: bytes |');
console.log('| --- | --- | --- | --- | --- |');
console.log(row('open', storeOpen, naiveOpen));
console.log(row(`switch to each of the ${branchIds.length - 1} forks`, storeSwitch, naiveSwitch));
console.log(row(`switch back through all ${branchIds.length}`, storeBack, naiveBack));
const sum = (a: typeof storeOpen, b: typeof storeOpen, c: typeof storeOpen) => ({
  requests: a.requests + b.requests + c.requests,
  bytes: a.bytes + b.bytes + c.bytes,
});
console.log(
  row('total', sum(storeOpen, storeSwitch, storeBack), sum(naiveOpen, naiveSwitch, naiveBack)),
);
store.dispose();
mock.close();

// Streaming updates: the same reply, paced at 2 ms a word, under each throttle.
const paced = createMockApp({ streamDelayMs: 2 });
const pacedClient = new ChatRoutes({ apiKey: 'bench', fetch: paced.fetch });
async function streamingUpdates(
  throttle: 0 | 'frame',
): Promise<{ updates: number; chunks: number }> {
  const { id: conversationId } = await pacedClient.conversations.create({});
  const streaming = new ConversationStore(pacedClient, conversationId, { throttle });
  await streaming.open();
  let updates = 0;
  streaming.subscribe(() => {
    if (streaming.getSnapshot().path.at(-1)?.status === 'streaming') updates += 1;
  });
  await streaming.send('Compare the tram, the metro, the ferry and the bus for a first visit');
  const reply = streaming.getSnapshot().path.at(-1)?.message.content ?? '';
  streaming.dispose();
  return { updates, chunks: reply.match(/\s*\S+/g)?.length ?? 0 };
}
const everyChunk = await streamingUpdates(0);
const byFrame = await streamingUpdates('frame');
console.log('\n| streamed reply (2 ms a word) | chunks | snapshot updates while streaming |');
console.log('| --- | --- | --- |');
console.log(`| throttle: 0 | ${everyChunk.chunks} | ${everyChunk.updates} |`);
console.log(`| default ('frame', 16 ms without frames) | ${byFrame.chunks} | ${byFrame.updates} |`);
paced.close();
