import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMockServer, type MockServer } from '@chatroutes/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../src/backend.js';
import { run, runScript } from './support/run.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

const demo = (env: Record<string, string>) => runScript('demo', env);

/** A loopback port that was free a moment ago and that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('which backend pnpm demo uses, and why', () => {
  it('with neither variable: its own mock, saying so', async () => {
    const backend = await chooseBackend({});
    await backend.close();
    expect(backend.label).toMatch(
      /^the offline mock at http:\/\/127\.0\.0\.1:\d+\/api\/v1 \(started for this run, as CHATROUTES_API_KEY is not set\)$/,
    );
  });

  it('with only a key: the service, saying how to get the mock back', async () => {
    const backend = await chooseBackend({ CHATROUTES_API_KEY: 'cr_live_x' });
    expect(backend.url).toBe('https://api.chatroutes.com/api/v1');
    expect(backend.label).toContain('CHATROUTES_API_KEY is set and CHATROUTES_BASE_URL is not');
    expect(backend.label).toContain('unset the key to use the offline mock');
  });

  it('with a URL but no key: one sentence, exit 1', async () => {
    const { code, stdout, stderr } = await demo({
      CHATROUTES_BASE_URL: 'http://127.0.0.1:9/api/v1',
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'CHATROUTES_BASE_URL is set but CHATROUTES_API_KEY is not: set a key as well (the mock accepts any key), or unset CHATROUTES_BASE_URL to use the offline mock.\n',
    );
  });

  describe('a mock started as Getting Started says (CLI, any key)', () => {
    let mock: MockServer;
    beforeAll(async () => {
      mock = await createMockServer({ port: 0, streamDelayMs: 0 });
    });
    afterAll(() => mock?.close());

    it('is the one the tour runs against', async () => {
      const { code, stdout, stderr } = await demo({
        CHATROUTES_BASE_URL: mock.url,
        CHATROUTES_API_KEY: 'dev',
      });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toContain(`— against ${mock.url} (CHATROUTES_BASE_URL points there)`);
      expect(stdout).toMatch(/^Done\. /m);
    });
  });
});

describe('pnpm demo failing: one clear sentence on stderr, exit 1, no stack trace', () => {
  let refusing: MockServer;
  beforeAll(async () => {
    refusing = await createMockServer({ port: 0, apiKeys: ['cr_the_right_key'] });
  });
  afterAll(() => refusing?.close());

  const expectOneSentence = (stderr: string) => {
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/^\s+at /m);
  };

  it('nothing listening at the URL (no network)', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api/v1`;
    const { code, stderr } = await demo({ CHATROUTES_BASE_URL: url, CHATROUTES_API_KEY: 'dev' });
    expect(code).toBe(1);
    expectOneSentence(stderr);
    expect(stderr).toContain(
      `Could not reach ${url}: nothing is listening there (connection refused). Check CHATROUTES_BASE_URL`,
    );
  });

  it('a host name that does not resolve', async () => {
    const url = 'http://api.chatroutes.invalid/api/v1';
    const { code, stderr } = await demo({ CHATROUTES_BASE_URL: url, CHATROUTES_API_KEY: 'dev' });
    expect(code).toBe(1);
    expectOneSentence(stderr);
    expect(stderr).toContain(`Could not reach ${url}: its host name does not resolve.`);
  });

  it('a server that refuses the key', async () => {
    const { code, stdout, stderr } = await demo({
      CHATROUTES_BASE_URL: refusing.url,
      CHATROUTES_API_KEY: 'cr_a_wrong_key',
    });
    expect(code).toBe(1);
    expectOneSentence(stderr);
    expect(stderr).toBe(`${refusing.url} refused the API key (401): check CHATROUTES_API_KEY.\n`);
    expect(stdout).not.toContain('cr_a_wrong_key');
  });
});

describe('pnpm example failing: the same one sentence as the demo', () => {
  it('an example against a closed port', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api/v1`;
    const { code, stdout, stderr } = await runScript(
      'run-example',
      { CHATROUTES_BASE_URL: url, CHATROUTES_API_KEY: 'dev' },
      ['quickstart'],
    );
    expect(code).toBe(1);
    expect(stdout).toContain(
      `Running quickstart against ${url} (CHATROUTES_BASE_URL points there)`,
    );
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`Could not reach ${url}: nothing is listening there`);
  }, 60_000);
});

/*
 * The root script is `turbo run build … && pnpm --filter @chatroutes/examples example`. Its
 * build step is not run here: inside `pnpm test` it would rebuild (and first empty) the
 * packages' dist folders while other suites are reading them. The surrounding turbo run has
 * built them already, so the rest of the script is run as the root would run it.
 */
const rootExampleCommand = (() => {
  const root = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const [build, command] = String(root.scripts.example).split(' && ');
  if (!build?.startsWith('turbo run build') || !command) {
    throw new Error(
      `the root "example" script is not "turbo run build … && …": ${root.scripts.example}`,
    );
  }
  return command.split(' ');
})();

const rootExample = (name: string) => {
  const [command = 'pnpm', ...args] = rootExampleCommand;
  return run(
    command,
    ['--silent', ...args.filter((arg) => arg !== '--silent'), name],
    {},
    repoRoot,
  );
};

describe('pnpm example, from the root of the repository', () => {
  it('an unknown name prints the usage, and the command it shows is the one that ran', async () => {
    const { code, stderr } = await rootExample('nope');
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/^Usage: pnpm example <name>, one of: .*quickstart/m);
  });

  it('runs an example against the offline mock', async () => {
    const { code, stdout } = await rootExample('quickstart');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Running quickstart against the offline mock at http:\/\/127\.0\.0\.1/m,
    );
    expect(stdout).toMatch(/^Tokens used: [1-9]\d*$/m);
  }, 120_000);
});
