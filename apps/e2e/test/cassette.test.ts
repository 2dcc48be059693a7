// Record and replay through the SDK: a cassette recorded against the mock's server (the
// stand-in for the real service) replays offline to the same SDK results.

import { recordTraffic, replayTraffic } from '@chatroutes/mock';
import { createMockServer, type MockServer } from '@chatroutes/mock/node';
import { ChatRoutes } from 'chatroutes';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const KEY = 'sk_live_e2e_cassette_key';
let server: MockServer;
beforeAll(async () => {
  server = await createMockServer({ seed: 5, streamDelayMs: 0 });
});
afterAll(() => server?.close());

/** What an app reads in a short session: every field but the ids, which a cassette rewrites. */
async function session(client: ChatRoutes) {
  const conversation = await client.conversations.create({ title: 'Cassette' });
  const sent = await client.messages.send(conversation.id, { content: 'Plan a weekend' });
  const stream = client.messages.stream(conversation.id, { content: 'Where should we eat?' });
  let streamed = '';
  for await (const text of stream.textStream) streamed += text;
  const fork = await client.branches.fork(conversation.id, {
    forkPointMessageId: sent.message.id,
    title: 'Porto instead',
  });
  const checkpoint = await client.checkpoints.create(conversation.id, fork.id, sent.message.id);
  const branches = await client.branches.list(conversation.id);
  return {
    conversationId: conversation.id,
    reply: sent.message.content,
    usage: sent.usage,
    streamed,
    fork: fork.title,
    summary: checkpoint.summary,
    branches: branches.map((branch) => [branch.title, branch.isMain]),
  };
}

describe('a recorded session', () => {
  it('replays offline to the same SDK results, with the network blocked', async () => {
    const recording = recordTraffic();
    const live = await session(
      new ChatRoutes({ apiKey: KEY, baseUrl: server.url, fetch: recording.fetch }),
    );
    const cassette = JSON.stringify(recording.cassette());
    expect(cassette).not.toContain(KEY);

    const network = vi.fn(() => Promise.reject(new Error('the network is blocked')));
    vi.stubGlobal('fetch', network);
    try {
      const replayed = await session(
        new ChatRoutes({ apiKey: KEY, fetch: replayTraffic(cassette), retryAttempts: 0 }),
      );
      expect(network).not.toHaveBeenCalled();
      expect(replayed).toEqual({ ...live, conversationId: 'conv_rec0001' });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
