import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnvironment, runChecked } from './run-command.js';
import { repositoryRoot } from './workspace.js';

/** The matrix's runtimes as npm packages: exact pins and their lockfile, outside the workspace. */
export const runtimesManifestDir: string = fileURLToPath(new URL('../runtimes', import.meta.url));

const MANIFEST_FILES = ['package.json', 'package-lock.json'] as const;
const INSTALLED_MARKER = '.installed';
const AN_HOUR = 60 * 60 * 1000;

/** Where installed runtimes are kept between runs: git-ignored, beside the workspace's own. */
export function runtimesCacheRoot(): string {
  return cacheRoot('chatroutes-compat-runtimes');
}

function cacheRoot(name: string): string {
  return join(repositoryRoot(), 'node_modules', '.cache', name);
}

/** The cache key: a change of pin or lockfile installs afresh, anything else reuses. */
export function runtimesCacheKey(manifestDir = runtimesManifestDir): string {
  const hash = createHash('sha256');
  for (const file of MANIFEST_FILES) hash.update(readFileSync(join(manifestDir, file)));
  return hash.digest('hex').slice(0, 16);
}

export interface InstalledRuntimes {
  /** The folder whose `node_modules` holds the runtimes. */
  dir: string;
  /** Whether this call installed them (a cold cache) or found them (a warm one). */
  installed: boolean;
}

/**
 * The runtimes of `runtimes/package.json`, installed once per pin set with `npm ci` (each
 * binary ships inside its npm package) and reused by later runs.
 */
export function ensureRuntimes(): Promise<InstalledRuntimes> {
  return ensureInstalled(runtimesManifestDir, runtimesCacheRoot());
}

/**
 * The pinned packages of a folder holding a `package.json` and its `package-lock.json` (the
 * runtimes; a UI kit's version, as `kits/ai7`), installed with `npm ci` into the cache named
 * `cacheName`, once per pin set. The install goes to a temporary sibling that is renamed into
 * place only once complete, so a run killed midway leaves nothing a later run would take for
 * a finished install.
 */
export function ensurePinnedInstall(
  manifestDir: string,
  cacheName: string,
): Promise<InstalledRuntimes> {
  return ensureInstalled(manifestDir, cacheRoot(cacheName));
}

async function ensureInstalled(manifestDir: string, root: string): Promise<InstalledRuntimes> {
  const key = runtimesCacheKey(manifestDir);
  const dir = join(root, key);
  if (existsSync(join(dir, INSTALLED_MARKER))) return { dir, installed: false };

  mkdirSync(root, { recursive: true });
  removeOtherInstalls(root, key);
  const partial = mkdtempSync(join(root, `${key}.partial-`));
  try {
    for (const file of MANIFEST_FILES) {
      copyFileSync(join(manifestDir, file), join(partial, file));
    }
    await runChecked('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: partial,
      env: childEnvironment(),
      timeoutMs: 600_000,
    });
    writeFileSync(join(partial, INSTALLED_MARKER), `${new Date().toISOString()}\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
    return { dir, installed: true };
  } finally {
    rmSync(partial, { recursive: true, force: true, maxRetries: 5 });
  }
}

/**
 * Installs of earlier pins, and partial installs abandoned by killed runs: hundreds of MB each.
 * A partial install of this key younger than an hour may be a concurrent run's: it stays.
 */
function removeOtherInstalls(root: string, key: string): void {
  for (const name of readdirSync(root)) {
    if (name === key) continue;
    const path = join(root, name);
    const abandoned = Date.now() - statSync(path).mtimeMs > AN_HOUR;
    if (!name.startsWith(key) || abandoned) {
      rmSync(path, { recursive: true, force: true, maxRetries: 5 });
    }
  }
}
