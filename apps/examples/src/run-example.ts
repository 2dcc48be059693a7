// Runs one example against the backend the environment names (see `chooseBackend`; the
// offline mock by default): `pnpm example quickstart`, from the root or from this package.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Backend, chooseBackend } from './backend.js';
import { explainFailure } from './failure.js';

const here = fileURLToPath(new URL('.', import.meta.url));
// The modules that support the examples are not examples themselves.
const SUPPORT = ['backend', 'failure', 'explain-uncaught', 'run-example', 'demo'];
const examples = readdirSync(here)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -3))
  .filter((name) => !SUPPORT.includes(name));

const name = process.argv[2];
if (!name || !examples.includes(name)) {
  console.error(`Usage: pnpm example <name>, one of: ${examples.join(', ')}`);
  process.exit(2);
}

let backend: Backend;
try {
  backend = await chooseBackend();
} catch (error) {
  const explained = explainFailure(error, undefined);
  if (!explained) throw error;
  console.error(explained);
  process.exit(1);
}
console.log(`Running ${name} against ${backend.label}\n`);
const hook = `${here}explain-uncaught.ts`;
const child = spawn(process.execPath, ['--import', 'tsx', '--import', hook, `${here}${name}.ts`], {
  stdio: 'inherit',
  env: { ...process.env, ...backend.env },
});
const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
await backend.close();
process.exit(code);
