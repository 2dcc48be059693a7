// Runs one example against the offline mock (or the service, with CHATROUTES_API_KEY set):
// `pnpm example quickstart`.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chooseBackend } from './backend.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const examples = readdirSync(here)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -3))
  .filter((name) => !['backend', 'run-example', 'demo'].includes(name));

const name = process.argv[2];
if (!name || !examples.includes(name)) {
  console.error(`Usage: pnpm example <name>, one of: ${examples.join(', ')}`);
  process.exit(2);
}

const backend = await chooseBackend();
console.log(`Running ${name} against ${backend.label}\n`);
const child = spawn(process.execPath, ['--import', 'tsx', `${here}${name}.ts`], {
  stdio: 'inherit',
  env: { ...process.env, ...backend.env },
});
const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
await backend.close();
process.exit(code);
