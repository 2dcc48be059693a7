/**
 * Cold-start benchmark of the in-process mock (not a test): in a fresh Node process, the
 * time to import the built root entry, create the app and answer its first request (a
 * validated POST), then what each further fresh app costs in the now warm process (a test
 * suite creates one per test). Each sample is its own process; medians are printed.
 *
 *   pnpm --filter @chatroutes/mock bench:cold-start [--runs 15] [--compare <package dir>]
 *
 * `--compare` measures another checkout's built package (e.g. a worktree of an older
 * commit) side by side, its runs interleaved with these, so both see the same machine load.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  // `pnpm bench:cold-start -- --runs 5` passes the `--` through: ignore it.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    runs: { type: 'string', default: '15' },
    compare: { type: 'string' },
  },
});
const RUNS = Math.min(Math.max(Number(values.runs), 1), 100);
const WARM_APPS = 50;

// Runs in the child: plain ESM against the built package, no loader in between.
const SAMPLE = `
const headers = { authorization: 'ApiKey bench', 'content-type': 'application/json' };
async function firstRequest(mock) {
  const response = await mock.fetch('https://mock.invalid/api/v1/conversations', {
    method: 'POST', headers, body: JSON.stringify({ title: 'Cold start' }),
  });
  await response.text();
  if (response.status !== 201) throw new Error('unexpected status ' + response.status);
}
const started = performance.now();
const { createMockApp } = await import(process.env.MOCK_ENTRY);
const imported = performance.now();
const mock = createMockApp({ streamDelayMs: 0 });
const created = performance.now();
await firstRequest(mock);
const answered = performance.now();
mock.close();
const warm = [];
for (let index = 0; index < ${WARM_APPS}; index++) {
  const before = performance.now();
  const next = createMockApp({ streamDelayMs: 0 });
  await firstRequest(next);
  warm.push(performance.now() - before);
  next.close();
}
warm.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({
  import: imported - started,
  create: created - imported,
  firstRequest: answered - created,
  total: answered - started,
  nextApp: warm[Math.floor(warm.length / 2)],
}));
`;

type Sample = Record<'import' | 'create' | 'firstRequest' | 'total' | 'nextApp', number>;

function sample(packageDir: string): Promise<Sample> {
  const entry = pathToFileURL(resolve(packageDir, 'dist/index.js')).href;
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', SAMPLE],
      { env: { ...process.env, MOCK_ENTRY: entry }, encoding: 'utf8' },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`${packageDir}: ${stderr || error.message}`))
          : resolvePromise(JSON.parse(stdout)),
    );
  });
}

const median = (numbers: number[]) =>
  [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const packages = [
    { name: 'this checkout', dir: fileURLToPath(new URL('..', import.meta.url)) },
    ...(values.compare ? [{ name: 'compared', dir: resolve(values.compare) }] : []),
  ];
  const samples = new Map<string, Sample[]>(packages.map(({ name }) => [name, []]));
  // Sequential and interleaved: one process at a time, alternating between the packages.
  for (let run = 0; run < RUNS; run++) {
    for (const { name, dir } of packages) samples.get(name)?.push(await sample(dir));
  }

  console.log(
    `@chatroutes/mock cold start, median of ${RUNS} fresh processes, Node ${process.version}\n`,
  );
  console.log(
    '| package | import ms | createMockApp ms | first request ms | cold total ms | next app + first request ms |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const { name } of packages) {
    const runs = samples.get(name) ?? [];
    const cell = (key: keyof Sample) => median(runs.map((run) => run[key])).toFixed(2);
    console.log(
      `| ${name} | ${cell('import')} | ${cell('create')} | ${cell('firstRequest')} | ${cell('total')} | ${cell('nextApp')} |`,
    );
  }
}

await main();
