/**
 * Serves the built site on the loopback interface: `pnpm run docs:serve [--port <n>]` (or
 * `PORT=<n>`). Without a port it takes 4173, or any free port when 4173 is taken.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PortInUseError } from '@chatroutes/static-server';
import { siteDir } from '../src/paths.js';
import { choosePort, serveOnChosenPort } from '../src/serve-port.js';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (!existsSync(join(siteDir, 'index.html'))) fail('No built site: run `pnpm run docs` first.');

let choice: ReturnType<typeof choosePort>;
try {
  choice = choosePort(process.argv.slice(2), process.env);
} catch (error) {
  fail(`docs:serve: ${(error as Error).message}`);
}

const started = await serveOnChosenPort(siteDir, choice).catch((error: unknown) => {
  if (error instanceof PortInUseError) {
    fail(
      `docs:serve: ${error.message} Choose another with --port <n> (or PORT=<n>), or leave both out to take a free port.`,
    );
  }
  throw error;
});
if (started.movedFrom !== undefined) {
  console.log(`Port ${started.movedFrom} is in use, so the site takes a free port instead.`);
}
console.log(`Serving the docs site at ${started.server.url}/ (Ctrl-C to stop)`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void started.server.close().then(() => process.exit(0)));
}
