import { existsSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { removeStaleTempDirs } from '../src/stale-temp-dirs.js';

const made: string[] = [];
function tempDir(prefix: string, ageMs: number): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const time = (Date.now() - ageMs) / 1000;
  utimesSync(dir, time, time);
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('removes only our temp folders older than the limit', () => {
  const abandoned = tempDir('chatroutes-release-', 3 * 60 * 60 * 1000);
  const running = tempDir('chatroutes-compat-', 0);
  const someoneElses = tempDir('unrelated-', 3 * 60 * 60 * 1000);
  removeStaleTempDirs(2 * 60 * 60 * 1000);
  expect(existsSync(abandoned)).toBe(false);
  expect(existsSync(running)).toBe(true);
  expect(existsSync(someoneElses)).toBe(true);
});
