/** Serves the built site on the loopback interface: `pnpm run docs:serve [port]` (default 4173). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { siteDir } from '../src/paths.js';
import { serveStatic } from '../src/static-server.js';

if (!existsSync(join(siteDir, 'index.html'))) {
  console.error('No built site: run `pnpm run docs` first.');
  process.exit(1);
}
const port = Number(process.argv[2] ?? process.env.PORT ?? 4173);
const server = await serveStatic(siteDir, port);
console.log(`Serving ${siteDir} at ${server.url}/ (Ctrl-C to stop)`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
