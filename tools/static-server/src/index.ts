import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { filesHandler, type StaticFile } from './files.js';
import { folderHandler } from './folder.js';
import { listen } from './listen.js';

export type { StaticFile } from './files.js';
export { PortInUseError } from './listen.js';

export interface StaticServer {
  /** The origin, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** 0 (the default) takes a free port; a port in use fails with `PortInUseError`. */
  port?: number;
  /** Default `127.0.0.1`: nothing is served beyond this machine. */
  host?: string;
}

/**
 * Serves either a built folder, the way a static host does (see `folderHandler`), or a few
 * files held in memory, keyed by path (`{ '/': …, '/page.js': … }`).
 */
export async function serveStatic(
  source: string | Readonly<Record<string, StaticFile>>,
  { port = 0, host = '127.0.0.1' }: ServeOptions = {},
): Promise<StaticServer> {
  const handle: (request: IncomingMessage, response: ServerResponse) => unknown =
    typeof source === 'string' ? folderHandler(source) : filesHandler(source);
  const server = createServer((request, response) => {
    Promise.resolve(handle(request, response)).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  });
  const actualPort = await listen(server, port, host);
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
