import { type PrismServer, startPrism } from '@chatroutes/openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../src/node.js';

/*
 * A second, independent judge of the mock's conformance: Prism's validating proxy in front
 * of it. With `--errors`, any request or response that breaks the spec becomes an error
 * answer, so a tour that succeeds end to end is a tour the spec allows.
 */
let mock: MockServer;
let prism: PrismServer;

beforeAll(async () => {
  mock = await createMockServer({ port: 0, streamDelayMs: 0 });
  prism = await startPrism({ upstream: mock.url, errors: true });
}, 60_000);

afterAll(async () => {
  await prism?.close();
  await mock?.close();
});

const headers = { authorization: 'ApiKey prism', 'content-type': 'application/json' };

async function request(method: string, path: string, body?: unknown) {
  const response = await fetch(`${prism.url}${path}`, {
    method,
    headers,
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  expect(response.headers.get('sl-violations'), `${method} ${path}: ${text}`).toBeNull();
  return { status: response.status, text, json: () => JSON.parse(text) };
}

describe('the mock behind prism proxy --errors', () => {
  it('passes a full tour without a single spec violation', async () => {
    const created = await request('POST', '/conversations', {
      title: 'Prism tour',
      model: 'gpt-5',
    });
    expect(created.status).toBe(201);
    const conversationId = created.json().data.conversation.id;
    const base = `/conversations/${conversationId}`;

    const sent = await request('POST', `${base}/messages`, { content: 'Plan a weekend in Porto.' });
    expect(sent.status).toBe(200);
    const reply = sent.json().data.message;

    const streamed = await request('POST', `${base}/messages/stream`, {
      content: 'And on a budget?',
    });
    expect(streamed.status).toBe(200);
    expect(streamed.text.endsWith('data: [DONE]\n\n')).toBe(true);

    const fork = await request('POST', `${base}/fork`, {
      forkPointMessageId: reply.id,
      title: 'Luxury',
      contextMode: 'PARTIAL',
    });
    expect(fork.status).toBe(201);
    const branchId = fork.json().data.branch.id;
    expect(
      (
        await request('POST', `${base}/branches/${branchId}/messages`, {
          content: 'Make it fancy.',
        })
      ).status,
    ).toBe(200);
    expect((await request('GET', `${base}/branches/${branchId}/messages`)).status).toBe(200);
    expect(
      (await request('PATCH', `${base}/branches/${branchId}`, { description: 'Five stars' }))
        .status,
    ).toBe(200);
    expect(
      (await request('POST', `${base}/branches`, { title: 'Side', baseNodeId: reply.id })).status,
    ).toBe(201);
    expect((await request('GET', `${base}/branches`)).status).toBe(200);

    const checkpoint = await request('POST', `${base}/checkpoints`, {
      branchId: reply.branchId,
      anchorMessageId: reply.id,
    });
    expect(checkpoint.status).toBe(201);
    const checkpointId = checkpoint.json().data.checkpoint.id;
    expect((await request('POST', `/checkpoints/${checkpointId}/recreate`)).status).toBe(200);
    expect((await request('GET', `${base}/checkpoints?branchId=${reply.branchId}`)).status).toBe(
      200,
    );

    expect((await request('GET', `${base}/tree`)).status).toBe(200);
    expect((await request('GET', base)).status).toBe(200);
    expect((await request('GET', `${base}/messages`)).status).toBe(200);
    expect((await request('GET', '/conversations?page=1&limit=5&filter=all')).status).toBe(200);
    expect((await request('PATCH', `/messages/${reply.id}`, { content: 'Edited.' })).status).toBe(
      200,
    );
    expect((await request('POST', `${base}/branches/${branchId}/merge`)).status).toBe(200);

    const suggestions = await request('POST', '/autobranch/suggest-branches', {
      text: 'Should I take the train or drive? What about parking?',
      hybridDetection: true,
    });
    expect(suggestions.status).toBe(200);
    expect((await request('GET', '/autobranch/health')).status).toBe(200);

    expect((await request('DELETE', `/checkpoints/${checkpointId}`)).status).toBe(200);
    expect((await request('DELETE', `/messages/${reply.id}`)).status).toBe(200);
    expect((await request('DELETE', `${base}/branches/${branchId}`)).status).toBe(200);
    expect((await request('DELETE', base)).status).toBe(200);

    // Errors, too, must have the documented shape. (Requests that break the spec never reach
    // the mock here: Prism refuses them itself.)
    expect((await request('GET', base)).status).toBe(404);
    expect((await request('POST', `${base}/messages`, { content: 'Anyone there?' })).status).toBe(
      404,
    );
  }, 60_000);
});
