import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { appDir, siteDir } from '../../src/paths.js';

/**
 * The built site: `pnpm test` builds it first (turbo runs `build` before `test`); a test run
 * on its own builds it when it is missing.
 */
export async function ensureBuiltSite(): Promise<string> {
  if (!existsSync(join(siteDir, 'index.html'))) {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/build-site.ts'], {
      cwd: appDir,
      maxBuffer: 64 * 1024 * 1024,
    });
  }
  return siteDir;
}
