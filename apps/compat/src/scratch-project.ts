import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnvironment, runChecked } from './run-command.js';
import { fixturesDir, PUBLIC_PACKAGES, workspacePackageDir } from './workspace.js';

export interface ScratchProject {
  /** A folder outside the workspace, so nothing resolves through the workspace's links. */
  dir: string;
  remove(): void;
}

/**
 * Packs every public package (or the workspace packages named) as it would be published
 * (`pnpm pack` rewrites `workspace:*` to real versions), then installs the tarballs into a
 * fresh project with npm, the way a user would. Their own dependencies come from the registry
 * (npm's cache when it has them). The fixtures are copied beside them. Nothing is reused from
 * an earlier run.
 */
export async function createScratchProject(
  packages: readonly string[] = PUBLIC_PACKAGES,
): Promise<ScratchProject> {
  const dir = mkdtempSync(join(tmpdir(), 'chatroutes-compat-'));
  const remove = () => rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  try {
    const env = childEnvironment();
    for (const name of packages) {
      await runChecked('pnpm', ['pack', '--pack-destination', dir], {
        cwd: workspacePackageDir(name),
        env,
      });
    }
    const tarballs = readdirSync(dir).filter((file) => file.endsWith('.tgz'));
    if (tarballs.length !== packages.length) {
      throw new Error(`expected ${packages.length} tarballs, found: ${tarballs.join(', ')}`);
    }
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify({ name: 'chatroutes-compat-scratch', private: true }, null, 2)}\n`,
    );
    await runChecked(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        ...tarballs.map((file) => `./${file}`),
      ],
      { cwd: dir, env },
    );
    cpSync(fixturesDir, dir, { recursive: true });
    return { dir, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
