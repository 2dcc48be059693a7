import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The prefixes of the temp folders these tests create (a scratch project, a clone). */
export const TEMP_PREFIXES = ['chatroutes-compat-', 'chatroutes-release-'] as const;

const AN_HOUR = 60 * 60 * 1000;

/**
 * Removes our temp folders left by runs that were killed before their teardown (turbo stops
 * the other tasks when one fails). Only folders older than any run can last are touched, so a
 * run going on beside this one keeps its own.
 */
export function removeStaleTempDirs(maxAgeMs = AN_HOUR): void {
  const now = Date.now();
  for (const name of readdirSync(tmpdir())) {
    if (!TEMP_PREFIXES.some((prefix) => name.startsWith(prefix))) continue;
    const path = join(tmpdir(), name);
    try {
      if (now - statSync(path).mtimeMs > maxAgeMs) {
        rmSync(path, { recursive: true, force: true, maxRetries: 5 });
      }
    } catch {
      // Removed meanwhile by its own run: nothing left to do.
    }
  }
}
