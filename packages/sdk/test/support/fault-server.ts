import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback HTTP server that answers each request with the next fault of its script, to test
 * the client against real sockets: real resets, real stalls, real half-sent bodies.
 */
export type Fault =
  /** A JSON answer (`body` is serialised) or a raw one (`raw` is sent as is). */
  | { status: number; body?: unknown; raw?: string; headers?: Record<string, string> }
  /** Destroys the connection before any byte of a response. */
  | 'reset'
  /** Never answers. */
  | 'hang'
  /** Announces a longer body than it sends, then cuts the connection. */
  | { cutBodyAfter: string };

export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as received (still percent-encoded). */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FaultServer {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startFaultServer(script: Fault[]): Promise<FaultServer> {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      play(script[requests.length - 1], response);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function play(fault: Fault | undefined, response: ServerResponse): void {
  if (fault === undefined) {
    response.writeHead(599, { 'content-type': 'text/plain' }).end('fault script exhausted');
  } else if (fault === 'reset') {
    response.socket?.destroy();
  } else if (fault === 'hang') {
    // Say nothing; the client's timeout must end the wait.
  } else if ('cutBodyAfter' in fault) {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(fault.cutBodyAfter) + 100),
    });
    response.write(fault.cutBodyAfter, () => response.socket?.destroy());
  } else {
    const body = fault.raw ?? (fault.body === undefined ? '' : JSON.stringify(fault.body));
    response
      .writeHead(fault.status, {
        'content-type': fault.raw === undefined ? 'application/json' : 'text/html',
        ...fault.headers,
      })
      .end(body);
  }
}
