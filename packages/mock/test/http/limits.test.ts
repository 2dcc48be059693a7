import { afterEach, describe, expect, it } from 'vitest';
import { createMockApp } from '../../src/index.js';
import { createMockServer, type MockServer } from '../../src/node.js';
import { expectErrorShape, expectMatchesSpec } from '../helpers.js';

const BASE = 'https://api.chatroutes.com/api/v1';
const AUTH = { authorization: 'ApiKey k', 'content-type': 'application/json' };

const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const titled = (length: number) => JSON.stringify({ title: 't'.repeat(length) });

describe('request body size limit', () => {
  it('refuses a body over 1 MiB with 413 and the envelope, and stores nothing', async () => {
    const server = await createMockServer({ port: 0 });
    servers.push(server);
    const refused = await fetch(`${server.url}/conversations`, {
      method: 'POST',
      headers: AUTH,
      body: titled(2 * 1024 * 1024),
    });
    expect(refused.status).toBe(413);
    const body = await refused.json();
    expectMatchesSpec('createConversation', 413, body);
    expect(body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 1024 * 1024 } });
    const list = await (await fetch(`${server.url}/conversations`, { headers: AUTH })).json();
    expect(list.total).toBe(0);
  });

  it('refuses a chunked body (no Content-Length) once it passes the limit', async () => {
    const server = await createMockServer({ port: 0, maxBodyBytes: 1000 });
    servers.push(server);
    const chunk = new TextEncoder().encode('x'.repeat(600));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"title":"'));
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    const refused = await fetch(`${server.url}/conversations`, {
      method: 'POST',
      headers: AUTH,
      body,
      duplex: 'half',
    } as RequestInit);
    expect(refused.status).toBe(413);
    expect((await refused.json()).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('applies in process too, and accepts a body at the limit', async () => {
    const mock = createMockApp({ maxBodyBytes: 100 });
    const post = (body: string) =>
      mock.fetch(`${BASE}/conversations`, { method: 'POST', headers: AUTH, body });
    const atLimit = titled(100 - titled(0).length);
    expect(new TextEncoder().encode(atLimit).length).toBe(100);
    expect((await post(atLimit)).status).toBe(201);
    const over = await post(titled(101 - titled(0).length));
    expect(over.status).toBe(413);
    expectMatchesSpec('createConversation', 413, await over.json());
  });
});

describe('methods a known path does not have', () => {
  it('answer 405 with Allow and the envelope; unknown paths stay 404', async () => {
    const mock = createMockApp();
    const ask = (method: string, path: string) =>
      mock.fetch(`${BASE}${path}`, { method, headers: AUTH });

    const put = await ask('PUT', '/conversations');
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    const body = await put.json();
    expectErrorShape(body);
    expect(body.code).toBe('METHOD_NOT_ALLOWED');

    const deleteHealth = await ask('DELETE', '/autobranch/health');
    expect(deleteHealth.status).toBe(405);
    expect(deleteHealth.headers.get('allow')).toBe('GET, HEAD, OPTIONS');

    const patchTree = await ask('POST', '/conversations/conv_1/tree');
    expect(patchTree.status).toBe(405);
    expect(patchTree.headers.get('allow')).toBe('GET, HEAD, OPTIONS');

    expect((await ask('HEAD', '/autobranch/health')).status).toBe(200);
    expect((await ask('PUT', '/no/such/path')).status).toBe(404);
  });
});
