import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommandResult, describeFailure, runChecked, runCommand } from '../src/run-command.js';
import { PUBLIC_PACKAGES, repositoryRoot } from '../src/workspace.js';

const packageFolders: Record<(typeof PUBLIC_PACKAGES)[number], string> = {
  chatroutes: 'packages/sdk',
  '@chatroutes/fetch': 'packages/fetch',
  '@chatroutes/mock': 'packages/mock',
};

// A minor change to one linked package and patches to the others: the linked group
// (.changeset/config.json) must release all three at the same, highest version.
const CHANGESET = `---
"chatroutes": minor
"@chatroutes/fetch": patch
"@chatroutes/mock": patch
---

Release check.
`;

function readManifest(cloneDir: string, folder: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(cloneDir, folder, 'package.json'), 'utf8'));
}

/**
 * `pnpm release` (changeset version, build, `pnpm publish -r --dry-run`) run for real, in a
 * clone of the committed repository in the temp folder, so it never touches the working tree.
 */
describe('the release dry run, in a fresh clone of the committed repository', () => {
  const parent = mkdtempSync(join(tmpdir(), 'chatroutes-release-'));
  const cloneDir = join(parent, 'repository');
  let release: CommandResult;

  beforeAll(async () => {
    await runChecked('git', ['clone', '--quiet', repositoryRoot(), cloneDir], { cwd: parent });
    await runChecked('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], {
      cwd: cloneDir,
    });
    writeFileSync(join(cloneDir, '.changeset', 'release-check.md'), CHANGESET);
    release = await runCommand('pnpm', ['run', 'release'], { cwd: cloneDir, timeoutMs: 240_000 });
  }, 300_000);

  afterAll(() => rmSync(parent, { recursive: true, force: true, maxRetries: 5 }));

  it('passes', () => {
    expect(release.code, describeFailure(release)).toBe(0);
  });

  it('versions the three public packages together, with changelogs', () => {
    const versions = PUBLIC_PACKAGES.map(
      (name) => readManifest(cloneDir, packageFolders[name]).version,
    );
    const [first] = versions;
    expect(first).toMatch(/^\d+\.\d+\.0$/);
    expect(versions).toEqual([first, first, first]);
    for (const name of PUBLIC_PACKAGES) {
      expect(existsSync(join(cloneDir, packageFolders[name], 'CHANGELOG.md'))).toBe(true);
    }
    expect(existsSync(join(cloneDir, '.changeset', 'release-check.md'))).toBe(false);
  });

  it('would publish exactly the public packages, at the new version', () => {
    const { version } = readManifest(cloneDir, packageFolders.chatroutes);
    const output = release.stdout + release.stderr;
    for (const name of PUBLIC_PACKAGES) expect(output).toContain(`📦 ${name}@${version}`);
    const privateFolders = [
      'openapi',
      ...readdirSync(join(cloneDir, 'apps')).map((app) => join('apps', app)),
    ].filter((folder) => existsSync(join(cloneDir, folder, 'package.json')));
    const privateNames = privateFolders
      .map((folder) => readManifest(cloneDir, folder))
      .filter((manifest) => manifest.private === true)
      .map((manifest) => manifest.name);
    expect(privateNames).toContain('@chatroutes/compat');
    for (const name of privateNames) expect(output).not.toContain(`📦 ${name}@`);
  });
});
