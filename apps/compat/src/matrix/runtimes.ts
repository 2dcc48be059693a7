import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runtimesManifestDir } from '../runtime-cache.js';

export type RuntimeKind = 'node' | 'bun' | 'deno' | 'workerd' | 'chromium';
export type ModuleSystem = 'esm' | 'cjs';

/** One row group of the matrix: a runtime, run once per module system it has. */
export interface MatrixRuntime {
  /** Its name in the table, the test titles and the docs. */
  name: string;
  kind: RuntimeKind;
  /** Its dependency in `runtimes/package.json`; none for the machine's Node and Chromium. */
  dependency?: string;
  /** ESM everywhere; CJS where the runtime has `require`. */
  moduleSystems: readonly ModuleSystem[];
  /** Whether it can listen on a port, and so run the mock's server itself. */
  listens: boolean;
}

export const MATRIX: readonly MatrixRuntime[] = [
  // The oldest Node the packages' `engines` allow, so that the floor is a tested claim.
  {
    name: 'Node 20.11',
    kind: 'node',
    dependency: 'node20',
    moduleSystems: ['esm', 'cjs'],
    listens: true,
  },
  // The Node running the tests (CI's).
  { name: 'Node 20', kind: 'node', moduleSystems: ['esm', 'cjs'], listens: true },
  {
    name: 'Node 22',
    kind: 'node',
    dependency: 'node22',
    moduleSystems: ['esm', 'cjs'],
    listens: true,
  },
  {
    name: 'Node 24',
    kind: 'node',
    dependency: 'node24',
    moduleSystems: ['esm', 'cjs'],
    listens: true,
  },
  { name: 'Bun', kind: 'bun', dependency: 'bun', moduleSystems: ['esm', 'cjs'], listens: true },
  { name: 'Deno', kind: 'deno', dependency: 'deno', moduleSystems: ['esm', 'cjs'], listens: true },
  {
    name: 'workerd',
    kind: 'workerd',
    dependency: 'workerd',
    moduleSystems: ['esm'],
    listens: false,
  },
  { name: 'Chromium', kind: 'chromium', moduleSystems: ['esm'], listens: false },
];

/** The columns: every cell must report exactly these checks of `fixtures/runtimes/checks.mjs`, in order. */
export const MATRIX_CHECKS = [
  'create',
  'send',
  'stream: iterator',
  'stream: textStream',
  'stream: callbacks',
  'stream: finalMessage',
  'abort mid-stream',
  'typed error',
  'pagination',
  'low-level client',
  'in-process mock',
  'mock server',
  'relay',
  'mock digest',
] as const;

/**
 * What Deno is granted, and all it needs: loopback for the mock (a deployment names its API
 * host instead), and the two variables the client reads when `apiKey` or `baseUrl` is not
 * given. Reading the installed packages needs no flag.
 */
export const DENO_PERMISSIONS = [
  '--allow-net=127.0.0.1',
  '--allow-env=CHATROUTES_API_KEY,CHATROUTES_BASE_URL,CHATROUTES_LOG',
] as const;

/**
 * The compatibility date of the generated workerd config: an old one, so that users on any
 * later date are covered. No compatibility flag is set (in particular not `nodejs_compat`).
 */
export const WORKERD_COMPATIBILITY_DATE = '2024-01-01';

/** The exact version a dependency of `runtimes/package.json` pins (`npm:node@22.1.0` → 22.1.0). */
export function pinnedVersion(dependency: string): string {
  const manifest = JSON.parse(readFileSync(join(runtimesManifestDir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const range = manifest.dependencies[dependency];
  if (!range) throw new Error(`runtimes/package.json has no dependency ${dependency}`);
  const version = range.slice(range.lastIndexOf('@') + 1);
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`${dependency} is not pinned: ${range}`);
  return version;
}
