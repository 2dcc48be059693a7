import { connect } from 'node:net';
import { eventually, freePort, spawnGuarded } from '@chatroutes/openapi';

/** A throwaway `redis-server` on loopback: no disk, a free port. */
export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket
      .once('connect', () => resolve(true))
      .once('error', () => resolve(false))
      .once('connect', () => socket.destroy());
  });

/** Starts Debian's `redis-server` (`.ci/run` installs it) and waits until it accepts. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const server = spawnGuarded(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { output: 'ignore' },
  );
  if (!(await eventually(() => accepts(port)))) {
    await server.stop();
    throw new Error('redis-server did not start: is it installed (apt-get install redis-server)?');
  }
  return { url: `redis://127.0.0.1:${port}`, stop: () => server.stop() };
}
