// @ts-check
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * The packages of the API reference, in the order of its index: the SDK first, then the
 * low-level client, the mock, the React hooks, the assistant-ui runtime and the AI SDK
 * adapter.
 */
export const REFERENCE_PACKAGES = [
  'packages/sdk',
  'packages/fetch',
  'packages/mock',
  'packages/react',
  'packages/assistant-ui',
  'packages/ai-sdk',
];

/** Where the build writes a package's converted reference (TypeDoc's JSON), before the merge. */
export const REFERENCE_JSON_DIR = fileURLToPath(
  new URL('../.generated/reference-json', import.meta.url),
);

/** @param {string} packageDir the package's folder, relative to the repository's root */
export function referenceJsonFile(packageDir) {
  return join(REFERENCE_JSON_DIR, `${packageDir.replaceAll('/', '-')}.json`);
}

/**
 * @typedef {object} EntryPoint
 * @property {string} packageName the package's name (`chatroutes`)
 * @property {string} subpath the key of the package's `exports` map (`.`, `./store`)
 * @property {string} specifier what a user imports (`chatroutes`, `chatroutes/store`)
 * @property {string} source the TypeScript file the entry point is built from (absolute)
 */

/**
 * The public entry points of a package, read from the `exports` map of its package.json:
 * each export's declarations (`dist/store/index.d.ts`) are built from the source file at the
 * same place under `src/` (`src/store/index.ts`). An export whose source cannot be found
 * fails here, so a new entry point can never be left out of the reference silently.
 *
 * @param {string} packageDir the package's folder, relative to the repository's root
 * @returns {EntryPoint[]}
 */
export function entryPointsOf(packageDir) {
  const dir = join(REPO_ROOT, packageDir);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (!manifest.exports || typeof manifest.exports !== 'object') {
    throw new Error(
      `${packageDir}/package.json has no "exports" map to read its entry points from`,
    );
  }
  const entryPoints = [];
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    const types = declarationsOf(target);
    // `./package.json` and other exports without declarations are not code.
    if (!types) continue;
    const source = sourceOf(dir, types);
    if (!source) {
      throw new Error(
        `${packageDir}: the export "${subpath}" declares ${types}, but no source file matches it (looked for ${types.replace(/^\.\/dist\//, 'src/').replace(/\.d\.[cm]?ts$/, '.ts')} and .tsx)`,
      );
    }
    const specifier =
      subpath === '.' ? manifest.name : `${manifest.name}/${subpath.replace(/^\.\//, '')}`;
    entryPoints.push({ packageName: manifest.name, subpath, specifier, source });
  }
  return entryPoints;
}

/**
 * The declaration file of one `exports` entry: the `types` condition of its `import` branch
 * (or of the entry itself).
 *
 * @param {unknown} target
 * @returns {string | undefined}
 */
function declarationsOf(target) {
  if (typeof target === 'string') return /\.d\.[cm]?ts$/.test(target) ? target : undefined;
  if (!target || typeof target !== 'object') return undefined;
  const conditions = /** @type {Record<string, unknown>} */ (target);
  if (typeof conditions.types === 'string') return conditions.types;
  return declarationsOf(conditions.import ?? conditions.default);
}

/**
 * @param {string} dir
 * @param {string} types
 */
function sourceOf(dir, types) {
  const stem = join(dir, types.replace(/^\.\/dist\//, 'src/').replace(/\.d\.[cm]?ts$/, ''));
  return ['.ts', '.tsx'].map((extension) => stem + extension).find((file) => existsSync(file));
}

/**
 * The entry point a source file is, if it is one: for the plugin that names the modules.
 *
 * @param {string} file an absolute path
 * @returns {EntryPoint | undefined}
 */
export function entryPointOfFile(file) {
  for (const packageDir of REFERENCE_PACKAGES) {
    if (relative(join(REPO_ROOT, packageDir), file).startsWith('..')) continue;
    return entryPointsOf(packageDir).find((entry) => entry.source === file);
  }
  return undefined;
}
