import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The docs app's folder (`apps/docs`). */
export const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The repository's root. */
export const repoDir = join(appDir, '..', '..');
/** The guides, written in Markdown. */
export const guidesDir = join(repoDir, 'docs');
/** Where the build stages the site's Markdown (the guides, the reference, the changelog). */
export const stagingDir = join(appDir, '.generated');
/** The built site: one folder, ready to serve. */
export const siteDir = join(appDir, 'site');
