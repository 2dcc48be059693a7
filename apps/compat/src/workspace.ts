import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The public packages, by the names users install. */
export const PUBLIC_PACKAGES = ['@chatroutes/fetch', 'chatroutes', '@chatroutes/mock'] as const;
export type PublicPackage = (typeof PUBLIC_PACKAGES)[number];

/** The folder of a workspace package, found through this package's own dependency link. */
export function workspacePackageDir(name: string): string {
  return realpathSync(dirname(require.resolve(`${name}/package.json`)));
}

/** The root of the repository (the parent of `packages/`). */
export function repositoryRoot(): string {
  return dirname(dirname(workspacePackageDir('chatroutes')));
}

/** The fixture files copied into every scratch project. */
export const fixturesDir: string = fileURLToPath(new URL('../fixtures', import.meta.url));
