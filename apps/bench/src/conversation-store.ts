/**
 * `chatroutes/store` against assistant-ui's `MessageRepository`, fed the same conversation
 * JSON: open (parse + build + the first path), one switch (to another branch and its path
 * with the versions of every position), the end of a reply (two messages appended, the path
 * again), and the memory each retains. Interleaved rounds, median CPU ms.
 *
 *   node --expose-gc --import tsx src/conversation-store.ts [--quick]
 */
import { parseArgs } from 'node:util';
import { ExportedMessageRepository, type ThreadMessageLike } from '@assistant-ui/core';
import { MessageRepository } from '@assistant-ui/core/internal';
import {
  CONVERSATION_ID,
  type ConversationShape,
  deepestBranch,
  generateConversation,
} from '@chatroutes/fixtures';
import { ChatRoutes, type Conversation, type Message } from 'chatroutes';
import { ConversationStore } from 'chatroutes/store';
import { median } from './measure.js';

interface Case extends ConversationShape {
  name: string;
}

const CASES: Case[] = [
  { name: '10k / 500', messages: 10_000, branches: 500, mainMessages: 1_000 },
  { name: '50k / 2 500', messages: 50_000, branches: 2_500, mainMessages: 5_000 },
  { name: '50k / 500, 41k deep', messages: 50_000, branches: 500, mainMessages: 41_000 },
];

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const ROUNDS = values.quick ? 1 : 7;
const gc = (globalThis as { gc?: () => void }).gc;

// ——— the store, through its public API, on a transport that answers from memory ———

function storeClient(body: string) {
  let replies = 0;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.method === 'GET') {
      return new Response(body, { headers: { 'content-type': 'application/json' } });
    }
    const { content, branchId } = (await request.json()) as { content: string; branchId: string };
    replies += 1;
    const message: Message = {
      id: `reply_${replies}`,
      conversationId: CONVERSATION_ID,
      branchId,
      parentMessageId: `asked_${replies}`,
      role: 'assistant',
      content: `An answer to ${content}`,
      createdAt: new Date(Date.UTC(2027, 0, 1) + replies * 1000).toISOString(),
    };
    const usage = { promptTokens: 1, completionTokens: 1, totalTokens: 2 };
    const events = [
      { type: 'content', content: message.content },
      { type: 'complete', message, usage, model: 'gpt-5' },
    ];
    const sse = `${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}data: [DONE]\n\n`;
    return new Response(sse, { headers: { 'content-type': 'text/event-stream' } });
  };
  return new ChatRoutes({ apiKey: 'bench', fetch, retryAttempts: 0 });
}

async function openStore(client: ChatRoutes, branchId: string): Promise<ConversationStore> {
  const store = new ConversationStore(client, CONVERSATION_ID, { throttle: 0, branchId });
  await store.open();
  if (store.getSnapshot().status !== 'ready') throw new Error('the store did not open');
  return store;
}

// ——— assistant-ui's repository, fed the same bytes ———

function openRepository(body: string, headId: string): MessageRepository {
  const conversation = (JSON.parse(body) as { data: { conversation: Conversation } }).data
    .conversation;
  const items = (conversation.messages ?? []).map((m) => ({
    parentId: m.parentMessageId ?? null,
    message: {
      id: m.id,
      role: m.role,
      content: m.content,
      createdAt: new Date(m.createdAt),
      ...(m.role === 'assistant' && { status: { type: 'complete', reason: 'stop' } }),
    } as ThreadMessageLike,
  }));
  const repository = new MessageRepository();
  repository.import(ExportedMessageRepository.fromBranchableArray(items, { headId }));
  showRepository(repository);
  return repository;
}

/** What a UI reads after a change: the messages of the path and the versions at each. */
function showRepository(repository: MessageRepository): number {
  let versions = 0;
  for (const message of repository.getMessages()) {
    versions += repository.getBranches(message.id).length;
  }
  return versions;
}

// ——— measuring ———

/** Time of one run; the garbage of what ran before is collected first, for either side. */
async function cpuMs(run: () => unknown): Promise<number> {
  gc?.();
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function retainedBytes(build: () => Promise<unknown> | unknown): Promise<number> {
  gc?.();
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const kept = await build();
  gc?.();
  gc?.();
  const after = process.memoryUsage().heapUsed;
  if (kept === undefined) throw new Error('nothing was kept');
  return after - before;
}

interface Row {
  name: string;
  depth: number;
  open: [number, number];
  switch: [number, number];
  reply: [number, number];
  memory: [number, number];
}

async function measure(testCase: Case): Promise<Row> {
  const conversation = generateConversation(testCase);
  const body = JSON.stringify({ success: true, data: { conversation } });
  const deep = deepestBranch(conversation);
  const branches = conversation.branches ?? [];
  const other = branches[Math.floor(branches.length / 2)]?.id as string;
  const tips = new Map((conversation.messages ?? []).map((m) => [m.branchId, m.id]));
  const tipOf = (branchId: string) => tips.get(branchId) as string;
  const deepTip = tipOf(deep.branchId);
  const otherTip = tipOf(other);

  // Memory first, on a clean heap: nothing of the timed rounds is alive yet.
  const storeMemory = await retainedBytes(() => openStore(storeClient(body), deep.branchId));
  const auiMemory = await retainedBytes(() => openRepository(body, deepTip));
  const samples = { open: [[], []], switch: [[], []], reply: [[], []] } as Record<
    'open' | 'switch' | 'reply',
    [number[], number[]]
  >;
  for (let round = 0; round < ROUNDS + 1; round++) {
    const keep = round > 0;
    // Interleaved: the store's round, then assistant-ui's, on the same bytes.
    const client = storeClient(body);
    let store: ConversationStore | undefined;
    const storeOpen = await cpuMs(async () => {
      store = await openStore(client, deep.branchId);
    });
    const s = store as ConversationStore;
    const storeSwitch = await cpuMs(async () => {
      await s.switchBranch(other);
      s.getSnapshot();
    });
    await s.switchBranch(deep.branchId);
    s.getSnapshot();
    const storeReply = await cpuMs(async () => {
      await s.send('One more question');
      if (s.getSnapshot().path.at(-1)?.status !== 'stored') throw new Error('no reply stored');
    });
    s.dispose();

    let repository: MessageRepository | undefined;
    const auiOpen = await cpuMs(() => {
      repository = openRepository(body, deepTip);
    });
    const r = repository as MessageRepository;
    const auiSwitch = await cpuMs(() => {
      r.switchToBranch(otherTip);
      showRepository(r);
    });
    r.switchToBranch(deepTip);
    const auiReply = await cpuMs(() => {
      const asked = `asked_${round}`;
      r.addOrUpdateMessage(deepTip, {
        id: asked,
        role: 'user',
        content: [{ type: 'text', text: 'One more question' }],
        createdAt: new Date(),
        attachments: [],
        metadata: { custom: {} },
      } as never);
      r.addOrUpdateMessage(asked, {
        id: `reply_${round}`,
        role: 'assistant',
        content: [{ type: 'text', text: 'An answer' }],
        createdAt: new Date(),
        status: { type: 'complete', reason: 'stop' },
        metadata: {
          unstable_state: null,
          unstable_annotations: [],
          unstable_data: [],
          steps: [],
          custom: {},
        },
      } as never);
      showRepository(r);
    });
    if (keep) {
      samples.open[0].push(storeOpen);
      samples.open[1].push(auiOpen);
      samples.switch[0].push(storeSwitch);
      samples.switch[1].push(auiSwitch);
      samples.reply[0].push(storeReply);
      samples.reply[1].push(auiReply);
    }
  }
  const pair = ([a, b]: [number[], number[]]): [number, number] => [median(a), median(b)];
  return {
    name: testCase.name,
    depth: deep.depth,
    open: pair(samples.open),
    switch: pair(samples.switch),
    reply: pair(samples.reply),
    memory: [storeMemory / 2 ** 20, auiMemory / 2 ** 20],
  };
}

/** A send on a conversation of two exchanges: what every reply costs besides the rebuild. */
async function sendBaseline(): Promise<number> {
  const conversation = generateConversation({ messages: 4, branches: 1, mainMessages: 4 });
  const store = await openStore(
    storeClient(JSON.stringify({ success: true, data: { conversation } })),
    'br_main',
  );
  const times: number[] = [];
  for (let round = 0; round < ROUNDS + 1; round++) {
    times.push(await cpuMs(() => store.send('One more question')));
  }
  store.dispose();
  return median(times.slice(1));
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0));
const ratio = ([ours, theirs]: [number, number]) => `×${(ours / theirs).toFixed(2)}`;

console.log(
  `| messages / branches (deepest path) | open: store / AUI ms (ratio) | one switch | end of a reply | retained: store / AUI MiB (ratio) |`,
);
console.log('|---|---|---|---|---|');
for (const testCase of CASES) {
  const row = await measure(testCase);
  const cell = (pair: [number, number]) => `${ms(pair[0])} / ${ms(pair[1])} (${ratio(pair)})`;
  console.log(
    `| ${row.name} (${row.depth}) | ${cell(row.open)} | ${cell(row.switch)} | ${cell(row.reply)} | ${row.memory[0].toFixed(1)} / ${row.memory[1].toFixed(1)} (${ratio(row.memory)}) |`,
  );
}
console.log(
  `\nA send through the client on a conversation of two exchanges (request, SSE, store): ${ms(await sendBaseline())} ms; the store's "end of a reply" includes it, assistant-ui's does not.`,
);
