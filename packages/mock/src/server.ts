import type { AddressInfo } from 'node:net';
import { type HttpBindings, serve } from '@hono/node-server';
import type { StateChanges } from './domain/state.js';
import { API_BASE_PATH } from './http/app.js';
import { clientErrorAnswer } from './http/client-error.js';
import { buildMock, type MockApp } from './mock-app.js';
import { type MockServerOptions, normaliseServerOptions } from './options.js';

/** A running mock server; `close()` it when done. */
export interface MockServer {
  /** The base URL to give a client, e.g. `http://127.0.0.1:4010/api/v1`. */
  url: string;
  /** The port it listens on (the free one picked when `port` was 0). */
  port: number;
  /** The same mock, in process (shares the server's data). */
  fetch: typeof globalThis.fetch;
  /** The server's data as a snapshot: see {@link MockApp.exportState}. */
  exportState: MockApp['exportState'];
  /** Replaces the server's data with a snapshot: see {@link MockApp.importState}. */
  importState: MockApp['importState'];
  /** Stops listening, ends open streams and connections; resolves when all is closed. */
  close(): Promise<void>;
}

/** Starts the mock on a real HTTP port (loopback and a free port by default). */
export function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  return startMockServer(options, {});
}

/** What the CLI hears of the server's work (not part of the public API). */
export interface ServerHooks {
  /**
   * Called when a request that may change the data (any method but GET, HEAD and OPTIONS)
   * has its answer ready, before it is sent, and for a stream again when it has ended, with
   * the records changed since the last call (often none).
   */
  afterChange?: (changes: StateChanges) => void;
}

const READ_ONLY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** {@link createMockServer}, with hooks. */
export async function startMockServer(
  options: MockServerOptions,
  hooks: ServerHooks,
): Promise<MockServer> {
  const { afterChange } = hooks;
  const { port: requestedPort, host } = normaliseServerOptions(options);
  const mock = buildMock(options);
  if (afterChange) mock.trackChanges();
  const changed = afterChange && (() => afterChange(mock.takeChanges()));
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve(
      {
        hostname: host,
        port: requestedPort,
        // The mock runs inside other people's processes (their tests): leave the global
        // Request and Response alone instead of swapping in the adapter's faster copies.
        overrideGlobalObjects: false,
        fetch: async (request, env) => {
          const { incoming, outgoing } = env as HttpBindings;
          const response = await mock.handle(request, {
            // A reset fault: drop the TCP connection without an answer.
            resetConnection: () => incoming.socket.destroy(),
          });
          if (changed !== undefined && !READ_ONLY_METHODS.has(request.method)) {
            // A JSON answer's change is committed by now (faults that run a request to its
            // end have run it); a stream commits as it ends, which is when its socket closes.
            changed();
            if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
              outgoing.once('close', changed);
            }
          }
          return response;
        },
      },
      () => resolve(started),
    );
    started.once('error', reject);
    // Refusals of Node's HTTP parser (431 and the like) get the JSON envelope too; a client
    // that hung up gets nothing, and nothing is logged for it.
    started.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      const answer = clientErrorAnswer(error.code);
      if (answer !== undefined && socket.writable) socket.end(answer);
      else socket.destroy();
    });
  });

  const { port } = server.address() as AddressInfo;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostInUrl}:${port}${API_BASE_PATH}`,
    port,
    fetch: mock.fetch,
    exportState: mock.exportState,
    importState: mock.importState,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        mock.close();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets and half-read streams would otherwise hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      return closing;
    },
  };
}
