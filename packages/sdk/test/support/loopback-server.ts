import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What one request to a loopback test server was, and how its connection ended. */
export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as received (still percent-encoded). */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Resolves when the response closes; `finished` is false when the client hung up first. */
  closed: Promise<{ finished: boolean }>;
}

/** Answers request number `index` (0-based), once its body has been read and recorded. */
export type Answer = (response: ServerResponse, index: number) => Promise<void> | void;

export interface LoopbackServer {
  url: string;
  requests: ReceivedRequest[];
  /** Stops listening and drops every connection, stalled ones included. */
  close(): Promise<void>;
}

/**
 * A node:http server on 127.0.0.1 and a free port that records every request and hands it
 * to `answer`: the real sockets the client is tested against (resets, stalls, split writes).
 */
export async function startLoopbackServer(answer: Answer): Promise<LoopbackServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const closed = new Promise<{ finished: boolean }>((resolve) =>
      response.on('close', () => resolve({ finished: response.writableFinished })),
    );
    const index = requests.length;
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      closed,
    });
    try {
      await answer(response, index);
    } catch {
      // The client went away mid-write: that is what several tests provoke.
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
