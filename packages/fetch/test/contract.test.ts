import { type PrismServer, startPrism } from '@chatroutes/openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatRoutesFetchClient, createClient } from '../src/index.js';

let prism: PrismServer;
let client: ChatRoutesFetchClient;
const key = { 'Idempotency-Key': 'idem-contract-1' };
const conversationId = 'conv_8f3a2c1d5e';
const branchId = 'br_7c9d0e1f';
const path = { conversationId };

beforeAll(async () => {
  prism = await startPrism();
  client = createClient({ apiKey: 'cr_test_contract', baseUrl: `${prism.url}/` });
});
afterAll(async () => {
  await prism?.close();
});

/** Fails with Prism's own explanation when it refused the request. */
function accepted<T extends { response: Response; error?: unknown }>(result: T, status = 200) {
  const violations = result.response.headers.get('sl-violations');
  expect(result.response.status, `${violations} ${JSON.stringify(result.error)}`).toBe(status);
  expect(result.error).toBeUndefined();
  return result;
}

describe('every operation through the typed client, accepted by Prism', () => {
  it('createConversation', async () => {
    const { data } = accepted(
      await client.POST('/conversations', {
        body: { title: 'Trip to Lisbon', model: 'claude-sonnet-4-5' },
        params: { header: key },
      }),
      201,
    );
    expect(data?.data.conversation.id).toMatch(/^conv_/);
  });

  it('listConversations', async () => {
    const { data } = accepted(
      await client.GET('/conversations', {
        params: { query: { page: 2, limit: 10, filter: 'owned' } },
      }),
    );
    expect(data?.conversations[0]?.title).toBeTypeOf('string');
    expect(data?.total).toBeTypeOf('number');
  });

  it('getConversation', async () => {
    const { data } = accepted(
      await client.GET('/conversations/{conversationId}', { params: { path } }),
    );
    expect(data?.data.conversation.messages?.[0]?.role).toBe('user');
    expect(data?.data.conversation.branches?.find((b) => b.isMain)?.id).toMatch(/^br_/);
  });

  it('updateConversation', async () => {
    const { data } = accepted(
      await client.PATCH('/conversations/{conversationId}', {
        params: { path },
        body: { title: 'Renamed' },
      }),
    );
    expect(data?.data.conversation.updatedAt).toBeTypeOf('string');
  });

  it('deleteConversation', async () => {
    const { data } = accepted(
      await client.DELETE('/conversations/{conversationId}', { params: { path } }),
    );
    expect(data?.success).toBe(true);
  });

  it('getConversationTree', async () => {
    const { data } = accepted(
      await client.GET('/conversations/{conversationId}/tree', { params: { path } }),
    );
    const root = data?.data.branches[0];
    expect(root?.branch.isMain).toBe(true);
    expect(root?.children[0]?.branch._count?.messages).toBeTypeOf('number');
  });

  it('sendMessage', async () => {
    const { data } = accepted(
      await client.POST('/conversations/{conversationId}/messages', {
        params: { path, header: key },
        body: {
          content: 'Hello',
          model: 'gpt-5',
          temperature: 0.2,
          maxTokens: 100,
          branchId: 'br_main01',
        },
      }),
    );
    expect(data?.data.message.role).toBe('assistant');
    expect(data?.data.usage.totalTokens).toBeGreaterThan(0);
    expect(data?.data.message.metadata?.checkpoint_used).toBeTypeOf('boolean');
    expect(data?.data.model).toBe('gpt-5-2025-08-07');
  });

  it('streamMessage', async () => {
    const { response } = accepted(
      await client.POST('/conversations/{conversationId}/messages/stream', {
        params: { path, header: key },
        body: { content: 'Hello' },
        headers: { Accept: 'text/event-stream' },
        parseAs: 'stream',
      }),
    );
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await response.text()).toContain('data: [DONE]');
  });

  it('listMessages', async () => {
    const { data } = accepted(
      await client.GET('/conversations/{conversationId}/messages', {
        params: { path, query: { branchId: 'br_main01' } },
      }),
    );
    expect(data?.data.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('updateMessage', async () => {
    const { data } = accepted(
      await client.PATCH('/messages/{messageId}', {
        params: { path: { messageId: 'msg_1a2b3c4d' } },
        body: { content: 'Edited' },
      }),
    );
    expect(data?.data.message.content).toBeTypeOf('string');
  });

  it('deleteMessage', async () => {
    const { data } = accepted(
      await client.DELETE('/messages/{messageId}', {
        params: { path: { messageId: 'msg_1a2b3c4d' } },
      }),
    );
    expect(data?.success).toBe(true);
  });

  it('listBranches', async () => {
    const { data } = accepted(
      await client.GET('/conversations/{conversationId}/branches', { params: { path } }),
    );
    expect(data?.data.branches.filter((b) => b.isMain)).toHaveLength(1);
  });

  it('createBranch', async () => {
    const { data } = accepted(
      await client.POST('/conversations/{conversationId}/branches', {
        params: { path, header: key },
        body: {
          title: 'Budget',
          description: 'Cheaper',
          baseNodeId: 'msg_5e6f7a8b',
          contextMode: 'PARTIAL',
        },
      }),
      201,
    );
    expect(data?.data.branch.isMain).toBe(false);
  });

  it('forkConversation', async () => {
    const { data } = accepted(
      await client.POST('/conversations/{conversationId}/fork', {
        params: { path, header: key },
        body: { forkPointMessageId: 'msg_5e6f7a8b', title: 'Rainy day', contextMode: 'MINIMAL' },
      }),
      201,
    );
    expect(data?.data.branch.forkPointMessageId).toMatch(/^msg_/);
  });

  it('updateBranch', async () => {
    const { data } = accepted(
      await client.PATCH('/conversations/{conversationId}/branches/{branchId}', {
        params: { path: { conversationId, branchId } },
        body: { title: 'Budget trip', description: 'x', isActive: false },
      }),
    );
    expect(data?.data.branch.title).toBeTypeOf('string');
  });

  it('deleteBranch', async () => {
    const { data } = accepted(
      await client.DELETE('/conversations/{conversationId}/branches/{branchId}', {
        params: { path: { conversationId, branchId } },
      }),
    );
    expect(data?.success).toBe(true);
  });

  it('listBranchMessages', async () => {
    const { data } = accepted(
      await client.GET('/conversations/{conversationId}/branches/{branchId}/messages', {
        params: { path: { conversationId, branchId } },
      }),
    );
    // The branch's history: inherited from main up to the fork point, then its own messages.
    expect(data?.data.messages.map((m) => m.branchId)).toEqual([
      'br_main01',
      'br_main01',
      branchId,
      branchId,
    ]);
  });

  it('sendBranchMessage', async () => {
    const { data } = accepted(
      await client.POST('/conversations/{conversationId}/branches/{branchId}/messages', {
        params: { path: { conversationId, branchId }, header: key },
        body: { content: 'Make it cheaper', model: 'claude-3-5-haiku-latest' },
      }),
    );
    expect(data?.data.message.branchId).toBe(branchId);
  });

  it('mergeBranch', async () => {
    const { data } = accepted(
      await client.POST('/conversations/{conversationId}/branches/{branchId}/merge', {
        params: { path: { conversationId, branchId }, header: key },
      }),
    );
    expect(data?.data.branch.id).toBe(branchId);
  });

  it('listCheckpoints', async () => {
    const { data } = accepted(
      await client.GET('/conversations/{conversationId}/checkpoints', {
        params: { path, query: { branchId: 'br_main01' } },
      }),
    );
    expect(data?.data.checkpoints[0]?.token_count).toBeTypeOf('number');
  });

  it('createCheckpoint', async () => {
    const { data } = accepted(
      await client.POST('/conversations/{conversationId}/checkpoints', {
        params: { path, header: key },
        body: { branchId: 'br_main01', anchorMessageId: 'msg_5e6f7a8b' },
      }),
      201,
    );
    expect(data?.data.checkpoint.anchor_message_id).toMatch(/^msg_/);
  });

  it('deleteCheckpoint', async () => {
    const { data } = accepted(
      await client.DELETE('/checkpoints/{checkpointId}', {
        params: { path: { checkpointId: 'cp_3e5a7b9c' } },
      }),
    );
    expect(data?.success).toBe(true);
  });

  it('recreateCheckpoint', async () => {
    const { data } = accepted(
      await client.POST('/checkpoints/{checkpointId}/recreate', {
        params: { path: { checkpointId: 'cp_3e5a7b9c' }, header: key },
      }),
    );
    expect(data?.data.checkpoint.summary.length).toBeGreaterThan(0);
  });

  it('suggestBranches', async () => {
    const { data } = accepted(
      await client.POST('/autobranch/suggest-branches', {
        params: { header: key },
        body: {
          text: 'Porto or Lisbon?',
          suggestionsCount: 2,
          hybridDetection: true,
          threshold: 0.5,
        },
      }),
    );
    const suggestion = data?.data.suggestions[0];
    expect(suggestion?.branchPoint.end).toBeGreaterThan(suggestion?.branchPoint.start ?? Infinity);
    expect(data?.data.metadata.detectionMethod).toBe('pattern');
  });

  it('autobranchHealth', async () => {
    const { data } = accepted(await client.GET('/autobranch/health'));
    expect(data?.data.status).toBe('healthy');
  });
});

describe('error statuses arrive typed in `error`', () => {
  it.each([400, 401, 404, 429, 500] as const)('%i', async (status) => {
    const { data, error, response } = await client.GET('/conversations/{conversationId}', {
      params: { path },
      headers: { Prefer: `code=${status}` },
    });
    expect(response.status).toBe(status);
    expect(data).toBeUndefined();
    expect(error?.success).toBe(false);
    expect(error?.error).toBeTypeOf('string');
    if (status === 429) {
      expect(error?.retryAfter).toBe(30);
      expect(response.headers.get('retry-after')).toBe('30');
    }
  });
});
