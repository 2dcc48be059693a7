import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMockServer, type MockServer } from '../../src/node.js';
import { expectErrorShape } from '../helpers.js';

const servers: MockServer[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(): Promise<MockServer> {
  const server = await createMockServer({ port: 0 });
  servers.push(server);
  return server;
}

/** Writes raw bytes to the server and returns everything it answers until it closes. */
function exchangeRaw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

function parseRaw(answer: string): { status: number; headers: string; body: unknown } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return {
    status: Number(head.split(' ')[1]),
    headers: head.toLowerCase(),
    body: JSON.parse(body),
  };
}

describe('clients that misbehave', () => {
  it('a client dropping mid-body leaves nothing on stderr', async () => {
    const server = await start();
    const errors = vi.spyOn(console, 'error');
    const writes = vi.spyOn(process.stderr, 'write');
    await Promise.all(
      Array.from(
        { length: 20 },
        () =>
          new Promise<void>((resolve) => {
            const socket = net.connect(server.port, '127.0.0.1', () => {
              socket.write(
                'POST /api/v1/conversations HTTP/1.1\r\nHost: mock\r\nAuthorization: ApiKey k\r\n' +
                  'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"title":',
              );
              setTimeout(() => {
                socket.destroy();
                resolve();
              }, 50);
            });
          }),
      ),
    );
    // Give the server time to notice the hang-ups and fail the body reads.
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The server still answers, and said nothing about the dropped clients.
    const health = await fetch(`${server.url}/autobranch/health`, {
      headers: { authorization: 'ApiKey k' },
    });
    expect(health.status).toBe(200);
    expect(errors).not.toHaveBeenCalled();
    expect(writes).not.toHaveBeenCalled();
  });

  it('headers too large: 431 with the JSON error envelope', async () => {
    const server = await start();
    const answer = await exchangeRaw(
      server.port,
      `GET /api/v1/autobranch/health HTTP/1.1\r\nHost: mock\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`,
    );
    const { status, headers, body } = parseRaw(answer);
    expect(status).toBe(431);
    expect(headers).toContain('content-type: application/json');
    expectErrorShape(body);
    expect(body).toMatchObject({ success: false, code: 'REQUEST_HEADER_FIELDS_TOO_LARGE' });
  });

  it('malformed HTTP: 400 with the JSON error envelope', async () => {
    const server = await start();
    const { status, body } = parseRaw(await exchangeRaw(server.port, 'NOT HTTP AT ALL\r\n\r\n'));
    expect(status).toBe(400);
    expectErrorShape(body);
  });
});
