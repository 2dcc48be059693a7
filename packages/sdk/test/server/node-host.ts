import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/** A Fetch-API handler served by Node's `http` through @hono/node-server, on loopback. */
export interface NodeHost {
  url: string;
  close(): Promise<void>;
}

export async function serveOnLoopback(
  handler: (request: Request) => Promise<Response> | Response,
): Promise<NodeHost> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve(
      { hostname: '127.0.0.1', port: 0, overrideGlobalObjects: false, fetch: handler },
      () => resolve(started),
    );
    started.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
