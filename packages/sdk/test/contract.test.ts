import { createSpecValidator, loadSpec, type PrismServer, startPrism } from '@chatroutes/openapi';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  AuthenticationError,
  type Branch,
  ChatRoutes,
  ChatRoutesError,
  type Checkpoint,
  type Conversation,
  type ConversationTree,
  type HealthResponse,
  type Message,
  NotFoundError,
  RateLimitError,
  type RequestOptions,
  type SendMessageResponse,
  ServerError,
  type SuggestBranchesResponse,
  ValidationError,
} from '../src/index.js';

// Every method against Prism serving the spec: Prism refuses any request that does not match
// the contract (422), and each result is checked against the spec's schema for it.

let prism: PrismServer;
let sdk: ChatRoutes;
const validator = createSpecValidator();

beforeAll(async () => {
  prism = await startPrism();
  sdk = new ChatRoutes({ apiKey: 'cr_test_contract', baseUrl: prism.url, retryAttempts: 0 });
}, 60_000);
afterAll(async () => {
  await prism?.close();
});

function expectSchema(name: string, value: unknown) {
  expect(validator.validateSchema(name, value), `${name}: ${JSON.stringify(value)}`).toEqual([]);
}
const expectEach = (name: string, values: unknown[]) => {
  expect(values.length).toBeGreaterThan(0);
  for (const value of values) expectSchema(name, value);
};

type Call = (client: ChatRoutes, options?: RequestOptions) => Promise<unknown>;

/** One call per operation of the spec, with the arguments a user would pass. */
const operations: Record<string, Call> = {
  createConversation: (c, o) => c.conversations.create({ title: 'Trip', model: 'gpt-5' }, o),
  listConversations: (c, o) =>
    c.conversations.list({ page: 1, limit: 10, filter: 'all' }, o).then((p) => p),
  getConversation: (c, o) => c.conversations.get('conv_1', o),
  updateConversation: (c, o) => c.conversations.update('conv_1', { title: 'Renamed' }, o),
  deleteConversation: (c, o) => c.conversations.delete('conv_1', o),
  getConversationTree: (c, o) => c.conversations.getTree('conv_1', o),
  sendMessage: (c, o) =>
    c.messages.send(
      'conv_1',
      { content: 'Hi', model: 'claude-sonnet-4-5', temperature: 0.7, maxTokens: 100 },
      o,
    ),
  streamMessage: (c, o) => c.messages.stream('conv_1', { content: 'Hi' }, o).finalMessage(),
  listMessages: (c, o) => c.messages.list('conv_1', { branchId: 'br_1' }, o),
  updateMessage: (c, o) => c.messages.update('msg_1', { content: 'Edited' }, o),
  deleteMessage: (c, o) => c.messages.delete('msg_1', o),
  listBranches: (c, o) => c.branches.list('conv_1', o),
  createBranch: (c, o) =>
    c.branches.create('conv_1', { title: 'Alt', description: 'd', contextMode: 'FULL' }, o),
  forkConversation: (c, o) =>
    c.branches.fork(
      'conv_1',
      { forkPointMessageId: 'msg_1', title: 'Fork', contextMode: 'PARTIAL' },
      o,
    ),
  updateBranch: (c, o) =>
    c.branches.update('conv_1', 'br_1', { title: 'Alt 2', isActive: false }, o),
  deleteBranch: (c, o) => c.branches.delete('conv_1', 'br_1', o),
  listBranchMessages: (c, o) => c.branches.getMessages('conv_1', 'br_1', o),
  sendBranchMessage: (c, o) => c.branches.sendMessage('conv_1', 'br_1', { content: 'Hi' }, o),
  mergeBranch: (c, o) => c.branches.merge('conv_1', 'br_1', o),
  listCheckpoints: (c, o) => c.checkpoints.list('conv_1', { branchId: 'br_1' }, o),
  createCheckpoint: (c, o) => c.checkpoints.create('conv_1', 'br_1', 'msg_1', o),
  deleteCheckpoint: (c, o) => c.checkpoints.delete('cp_1', o),
  recreateCheckpoint: (c, o) => c.checkpoints.recreate('cp_1', o),
  suggestBranches: (c, o) =>
    c.autobranch.suggestBranches(
      {
        text: 'Paris or Rome?',
        suggestionsCount: 2,
        hybridDetection: true,
        threshold: 0.5,
        llmModel: 'gpt-5',
        llmProvider: 'openai',
      },
      o,
    ),
  autobranchHealth: (c, o) => c.autobranch.health(o),
};

it('covers every operation of the spec', () => {
  const ids = Object.values(loadSpec().paths).flatMap((item) =>
    Object.values(item as Record<string, { operationId?: string }>).flatMap(
      (op) => op.operationId ?? [],
    ),
  );
  expect(Object.keys(operations).sort()).toEqual(ids.sort());
});

describe('conversations', () => {
  it('create, get, update return a Conversation', async () => {
    const results = [
      await sdk.conversations.create({ title: 'Trip' }),
      await sdk.conversations.get('conv_1'),
      await sdk.conversations.update('conv_1', { title: 'Renamed' }),
    ];
    expectTypeOf(results).toEqualTypeOf<Conversation[]>();
    expectEach('Conversation', results);
  });

  it('list is a page of Conversations, and iterates', async () => {
    const page = await sdk.conversations.list({ limit: 10 });
    expectEach('Conversation', page.data);
    expect(typeof page.total).toBe('number');
    expect(typeof page.hasNext).toBe('boolean');
    const seen: Conversation[] = [];
    // Prism's static example claims more pages for ever: take a few items only.
    for await (const conversation of sdk.conversations.list({ limit: 10 })) {
      seen.push(conversation);
      if (seen.length === page.data.length + 1) break;
    }
    expectEach('Conversation', seen);
  });

  it('getTree returns a ConversationTree', async () => {
    const tree = await sdk.conversations.getTree('conv_1');
    expectTypeOf(tree).toEqualTypeOf<ConversationTree>();
    expectSchema('ConversationTree', tree);
  });

  it('delete resolves to nothing', async () => {
    await expect(sdk.conversations.delete('conv_1')).resolves.toBeUndefined();
  });
});

describe('messages', () => {
  it('send returns the reply, its usage and model', async () => {
    const sent = await operations.sendMessage?.(sdk);
    expectTypeOf(
      await sdk.messages.send('c', { content: 'x' }),
    ).toEqualTypeOf<SendMessageResponse>();
    expectSchema('SendMessageResponse', sent);
    expectSchema('Message', (sent as SendMessageResponse).message);
  });

  it('list and update return Messages; delete nothing', async () => {
    const messages = await sdk.messages.list('conv_1');
    expectTypeOf(messages).toEqualTypeOf<Message[]>();
    expectEach('Message', messages);
    expectSchema('Message', await sdk.messages.update('msg_1', { content: 'Edited' }));
    await expect(sdk.messages.delete('msg_1')).resolves.toBeUndefined();
  });
});

describe('branches', () => {
  it('list, create, fork, update, merge return Branches', async () => {
    const branches = await sdk.branches.list('conv_1');
    expectTypeOf(branches).toEqualTypeOf<Branch[]>();
    expectEach('Branch', branches);
    for (const id of ['createBranch', 'forkConversation', 'updateBranch', 'mergeBranch']) {
      expectSchema('Branch', await operations[id]?.(sdk));
    }
  });

  it('main is the branch marked isMain', async () => {
    const main = await sdk.branches.main('conv_1');
    expect(main.isMain).toBe(true);
  });

  it('getMessages returns Messages; sendMessage a reply; delete nothing', async () => {
    expectEach('Message', await sdk.branches.getMessages('conv_1', 'br_1'));
    expectSchema('SendMessageResponse', await operations.sendBranchMessage?.(sdk));
    await expect(sdk.branches.delete('conv_1', 'br_1')).resolves.toBeUndefined();
  });
});

describe('checkpoints', () => {
  it('list, create, recreate return Checkpoints; delete nothing', async () => {
    const checkpoints = await sdk.checkpoints.list('conv_1');
    expectTypeOf(checkpoints).toEqualTypeOf<Checkpoint[]>();
    expectEach('Checkpoint', checkpoints);
    expectSchema('Checkpoint', await sdk.checkpoints.create('conv_1', 'br_1', 'msg_1'));
    expectSchema('Checkpoint', await sdk.checkpoints.recreate('cp_1'));
    await expect(sdk.checkpoints.delete('cp_1')).resolves.toBeUndefined();
  });

  it('createAtLatest and latest work on the main branch', async () => {
    expectSchema('Checkpoint', await sdk.checkpoints.createAtLatest('conv_1'));
    expectSchema('Checkpoint', await sdk.checkpoints.latest('conv_1'));
  });
});

describe('autobranch', () => {
  it('suggestBranches and analyzeText return suggestions with metadata', async () => {
    const result = await operations.suggestBranches?.(sdk);
    expectTypeOf(await sdk.autobranch.analyzeText('x')).toEqualTypeOf<SuggestBranchesResponse>();
    expectSchema('SuggestBranchesResponse', result);
    expectSchema(
      'SuggestBranchesResponse',
      await sdk.autobranch.analyzeText('Paris or Rome?', { threshold: 0.6 }),
    );
  });

  it('health', async () => {
    const health = await sdk.autobranch.health();
    expectTypeOf(health).toEqualTypeOf<HealthResponse>();
    expectSchema('HealthResponse', health);
  });
});

describe('every documented error status maps to its class (Prefer: code=…)', () => {
  const classes = {
    400: ValidationError,
    401: AuthenticationError,
    404: NotFoundError,
    429: RateLimitError,
    500: ServerError,
  } as const;
  // Prism serves an error only when the Accept header admits its JSON, and a stream request
  // accepts `text/event-stream` alone; stream errors are covered by the streaming tests.
  const mapped = Object.keys(operations).filter((id) => id !== 'streamMessage');
  const cases = mapped.flatMap((id) =>
    Object.entries(classes).map(([status, type]) => [id, Number(status), type] as const),
  );

  it.each(cases)('%s → %i', async (id, status, type) => {
    const error = await operations[id]?.(sdk, { headers: { Prefer: `code=${status}` } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(ChatRoutesError);
    expect(error).toMatchObject({ status });
    expect((error as Error).message).not.toBe('');
  });
});
