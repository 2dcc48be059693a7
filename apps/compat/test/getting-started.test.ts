import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { answers, eventually } from '@chatroutes/openapi';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { childEnvironment, describeFailure, runCommand } from '../src/run-command.js';
import { PUBLIC_PACKAGES, type PublicPackage, repositoryRoot } from '../src/workspace.js';
import { type GuideMock, startGuideMock } from './support/guide-mock.js';
import {
  type GuideBlock,
  guideBlocks,
  sampleFileName,
  shellCommands,
  withTarballs,
} from './support/guide-walk.js';
import { markedProcesses } from './support/marked-processes.js';

/**
 * docs/getting-started.md, followed as a newcomer would: from an empty folder, every shell
 * step of the offline part in order, with npm, on the packed tarballs (the ones the global
 * setup packed; nothing of ours comes from the registry). Its TypeScript samples are saved
 * under the names the guide gives them and run by the guide's own commands.
 */
const GUIDE = 'docs/getting-started.md';
// From this section on, the guide talks to the real service, which no test reaches.
const SERVICE_SECTION = 'Use the ChatRoutes service';

const markdown = readFileSync(join(repositoryRoot(), GUIDE), 'utf8');
const blocks = guideBlocks(markdown);
const serviceStart = blocks.findIndex((block) => block.section === SERVICE_SECTION);
const offline = blocks.slice(0, serviceStart);
const service = blocks.slice(serviceStart);

// One folder for the run, so that a killed run's leftovers are removed by the next one.
const parent = mkdtempSync(join(tmpdir(), 'chatroutes-compat-getting-started-'));
const tarballDir = join(parent, 'tarballs');
let cwd = parent;
const env: NodeJS.ProcessEnv = childEnvironment({
  // npm's own settings, so the guide's commands run as written: quiet and cache-first.
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
});
delete env.CHATROUTES_API_KEY;
delete env.CHATROUTES_BASE_URL;
const background: GuideMock[] = [];
/** The URL the guide says the mock prints, and the one it really printed (its port is free). */
const urls = new Map<string, string>();

function tarballOf(name: PublicPackage): string {
  const prefix = `${name.replace('@', '').replace('/', '-')}-`;
  const file = readdirSync(tarballDir).find(
    (candidate) => candidate.startsWith(prefix) && /^\d/.test(candidate.slice(prefix.length)),
  );
  if (!file) throw new Error(`no tarball of ${name} in ${readdirSync(tarballDir).join(', ')}`);
  return join(tarballDir, file);
}

const compatDir = fileURLToPath(new URL('..', import.meta.url));
/** How the guide starts the mock: naming our package, so npx can run nothing else. */
const MOCK_COMMAND = 'npx -p @chatroutes/mock chatroutes-mock';
const killedRunner = fileURLToPath(new URL('./support/killed-runner.ts', import.meta.url));
const MARKER = 'CHATROUTES_COMPAT_GUARD_CHECK';

const withRealUrls = (text: string) =>
  [...urls].reduce((result, [documented, real]) => result.split(documented).join(real), text);

async function startMock(command: string, comment: string): Promise<void> {
  const mock = await startGuideMock(command, { cwd, env });
  background.push(mock);
  const printed = mock.firstLine;
  const documented = /prints (\S+)/.exec(comment)?.[1];
  expect(documented, `the guide says what ${command} prints`).toBeDefined();
  // What the reader sees is what the guide says, but for the port.
  expect(printed.replace(/:\d+\//, ':PORT/')).toBe(documented?.replace(/:\d+\//, ':PORT/'));
  urls.set(documented ?? '', printed);
}

async function run(command: string): Promise<string> {
  const line = withTarballs(withRealUrls(command), tarballOf);
  const result = await runCommand('bash', ['-c', line], { cwd, env, timeoutMs: 180_000 });
  expect(result.code, describeFailure(result)).toBe(0);
  return result.stdout;
}

/** Runs one step of a shell block; returns what a sample run printed, if it ran one. */
async function shellStep(command: string, comment: string): Promise<string | undefined> {
  const [verb = '', ...rest] = command.split(/\s+/);
  if (verb === 'cd') {
    cwd = join(cwd, rest.join(' '));
    return undefined;
  }
  if (verb === 'export') {
    const [name = '', ...value] = rest.join(' ').split('=');
    env[name] = withRealUrls(value.join('='));
    return undefined;
  }
  if (verb === 'unset') {
    for (const name of rest) delete env[name];
    return undefined;
  }
  if (command.startsWith(MOCK_COMMAND)) {
    await startMock(command, comment);
    return undefined;
  }
  const output = await run(command);
  return command.startsWith('npx tsx ') ? output : undefined;
}

const saved = new Set<string>();
const ran = new Map<string, string>();

describe(`${GUIDE}, walked from an empty folder with npm and the packed tarballs`, () => {
  afterAll(async () => {
    // The guard stops each mock with everything npx started for it.
    await Promise.all(background.map((mock) => mock.process.stop()));
    rmSync(parent, { recursive: true, force: true, maxRetries: 5 });
  });

  it('has an offline part and a service part, and does not mix their set-ups', () => {
    expect(serviceStart).toBeGreaterThan(0);
    const text = (part: GuideBlock[]) => part.map((block) => block.code).join('\n');
    expect(text(offline)).not.toContain('cr_live');
    expect(text(offline)).toContain(MOCK_COMMAND);
    // A bare `npx chatroutes-mock` runs whichever registry package has that name where ours
    // is not installed: every command of the guide names our package.
    expect(text(offline)).not.toMatch(/npx chatroutes-mock/);
    expect(text(service)).not.toMatch(/127\.0\.0\.1|chatroutes-mock/);
    expect(text(service)).toContain('unset CHATROUTES_BASE_URL');
  });

  it('the tarballs of the packed packages are at hand', () => {
    mkdirSync(tarballDir);
    const scratchDir = inject('scratchDir');
    for (const file of readdirSync(scratchDir).filter((name) => name.endsWith('.tgz'))) {
      copyFileSync(join(scratchDir, file), join(tarballDir, file));
    }
    for (const name of PUBLIC_PACKAGES) expect(tarballOf(name)).toMatch(/\.tgz$/);
  });

  for (const block of offline) {
    if (block.language === 'ts') {
      it(`${GUIDE}:${block.line}: the sample is saved as the guide says`, () => {
        const file = sampleFileName(block.code);
        expect(file, 'a sample names its file on its first line').toBeDefined();
        writeFileSync(join(cwd, file ?? ''), `${block.code}\n`);
        saved.add(file ?? '');
      });
    } else if (block.language === 'sh') {
      for (const { command, comment } of shellCommands(block.code)) {
        it(`${GUIDE}:${block.line}: ${command}`, async () => {
          const output = await shellStep(command, comment);
          if (output !== undefined) {
            expect(output.trim(), 'a sample prints its result').not.toBe('');
            ran.set(command.replace('npx tsx ', ''), output);
          }
        }, 200_000);
      }
    }
  }

  it('a test runner killed with SIGKILL leaves no mock behind', async () => {
    // Every process of the tree carries the marker, which is how they are found afterwards.
    const marker = randomUUID();
    const runner = spawn(
      process.execPath,
      ['--import', 'tsx', killedRunner, MOCK_COMMAND, cwd],
      // `--import tsx` resolves from the working directory: ours has tsx.
      { cwd: compatDir, env: { ...env, [MARKER]: marker }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [line] = (await once(createInterface({ input: runner.stdout }), 'line')) as [string];
    const { url, guardPid } = JSON.parse(line) as { url: string; guardPid: number };
    const health = `${url}/autobranch/health`;
    expect(await answers(health)).toBe(true);
    const before = markedProcesses(MARKER, marker);
    // The runner, the guard, npx and the mock at least (sh too, when it does not exec).
    expect(before).toEqual(expect.arrayContaining([runner.pid, guardPid]));
    expect(before.length).toBeGreaterThanOrEqual(4);

    runner.kill('SIGKILL');
    await once(runner, 'exit');
    expect(await eventually(() => markedProcesses(MARKER, marker).length === 0)).toBe(true);
    expect(await answers(health)).toBe(false);
  });

  it('every sample of the offline part ran, and the first one printed a reply', () => {
    expect([...ran.keys()].sort()).toEqual([...saved].sort());
    expect(ran.get('first.ts')).toMatch(/\d+ tokens, answered by gpt-5/);
  });

  it('the samples of the service part run as written', async () => {
    const samples = service.filter((block) => block.language === 'ts');
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) {
      const file = sampleFileName(sample.code) ?? 'service.ts';
      writeFileSync(join(cwd, file), `${sample.code}\n`);
      // Only the configuration sample is here: it builds a client and makes no request.
      const output = await run(`CHATROUTES_API_KEY=cr_live_example npx tsx ${file}`);
      expect(output).toContain('https://api.chatroutes.com/api/v1');
    }
  }, 60_000);
});
