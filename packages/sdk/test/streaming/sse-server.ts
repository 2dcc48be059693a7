import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** What one request to the loopback server was and how its connection ended. */
export interface ServedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Resolves when the response closes; `finished` is false when the client hung up first. */
  closed: Promise<{ finished: boolean }>;
}

/** Serves request number `index` (0-based): write, split, stall or cut as the test needs. */
export type Scenario = (response: ServerResponse, index: number) => Promise<void> | void;

export interface SseServer {
  url: string;
  requests: ServedRequest[];
  close(): Promise<void>;
}

/** A node:http server on 127.0.0.1 that answers every request with `scenario`. */
export async function startSseServer(scenario: Scenario): Promise<SseServer> {
  const requests: ServedRequest[] = [];
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
      await scenario(response, index);
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

export function startEventStream(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.flushHeaders();
}

/**
 * Writes `bytes` cut at `offsets`, letting the event loop turn between writes so that each
 * piece leaves in its own TCP segment and reaches the client as its own read.
 */
export async function writeInPieces(
  response: ServerResponse,
  bytes: Uint8Array,
  offsets: number[],
  pause = 1,
): Promise<void> {
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    if (offset > start) {
      response.write(bytes.subarray(start, offset));
      await delay(pause);
    }
    start = offset;
  }
}

/** The SSE bytes of `chunks`: one `data:` event each, then `[DONE]`, with the given line end. */
export function sseBody(chunks: unknown[], { lineEnd = '\n', done = true } = {}): Uint8Array {
  const events = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}${lineEnd}${lineEnd}`);
  if (done) events.push(`data: [DONE]${lineEnd}${lineEnd}`);
  return new TextEncoder().encode(events.join(''));
}

export const content = (text: string) => ({ type: 'content', content: text });

export const assistantMessage = (text: string) => ({
  id: 'msg_reply',
  conversationId: 'conv_x',
  branchId: null,
  role: 'assistant',
  content: text,
  createdAt: '2026-01-01T00:00:00.000Z',
});

export const complete = (text: string) => ({
  type: 'complete',
  message: assistantMessage(text),
  usage: { promptTokens: 12, completionTokens: 5, totalTokens: 17 },
  model: 'gpt-5-2025-08-07',
});
