import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type PrismServer, startPrism } from '@chatroutes/openapi';
import { ChatRoutes } from 'chatroutes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The end-to-end suite trusts Prism to catch any answer of the mock that breaks the spec.
// This checks that trust with an upstream that answers a conversation without `userId`.
let upstream: Server;
let prism: PrismServer;
beforeAll(async () => {
  upstream = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({ success: true, data: { conversation: { id: 'conv_1', title: 'x' } } }),
    );
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const { port } = upstream.address() as AddressInfo;
  prism = await startPrism({ upstream: `http://127.0.0.1:${port}`, errors: true });
});
afterAll(async () => {
  await prism?.close();
  await new Promise((resolve) => upstream?.close(resolve));
});

describe('the spec guard in front of the mock', () => {
  it('turns an answer that breaks the spec into a failure', async () => {
    const response = await fetch(`${prism.url}/conversations/conv_1`, {
      headers: { Authorization: 'ApiKey cr_test' },
    });
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(await response.text()).toContain('userId');
    const client = new ChatRoutes({ apiKey: 'cr_test', baseUrl: prism.url, retryAttempts: 0 });
    await expect(client.conversations.get('conv_1')).rejects.toMatchObject({ name: 'ServerError' });
  });
});
