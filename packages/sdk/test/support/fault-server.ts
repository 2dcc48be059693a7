import type { ServerResponse } from 'node:http';
import { afterEach } from 'vitest';
import { ChatRoutes, type ClientOptions } from '../../src/index.js';
import { type LoopbackServer, startLoopbackServer } from './loopback-server.js';

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

export type FaultServer = LoopbackServer;

/** Answers request number n with fault n of the script (a 599 once the script is exhausted). */
export function startFaultServer(script: Fault[]): Promise<FaultServer> {
  return startLoopbackServer((response, index) => play(script[index], response));
}

/**
 * Closes, after each test of the file that calls it (at its top level), every server handed
 * to the function it returns.
 */
export function closeAfterEach(): <S extends LoopbackServer>(server: S) => S {
  const started: LoopbackServer[] = [];
  afterEach(() => Promise.all(started.splice(0).map((server) => server.close())));
  return (server) => {
    started.push(server);
    return server;
  };
}

/**
 * `serve(script, options)`: a fault server playing `script` for the current test, and the
 * client against it over the real global fetch, with `defaults` then `options` applied.
 */
export function faultClient(defaults: ClientOptions, closeLater = closeAfterEach()) {
  return async (script: Fault[], options: ClientOptions = {}) => {
    const server = closeLater(await startFaultServer(script));
    const sdk = new ChatRoutes({
      apiKey: 'test-key',
      baseUrl: `${server.url}/api/v1`,
      ...defaults,
      ...options,
    });
    return { sdk, server };
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
