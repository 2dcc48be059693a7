import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { operations } from '../src/generated/spec.js';

describe('src/generated/spec.ts', () => {
  it('is what the current spec generates (run `pnpm gen` after changing the spec)', () => {
    const script = fileURLToPath(new URL('../scripts/gen-schemas.ts', import.meta.url));
    const check = spawnSync(process.execPath, ['--import', 'tsx', script, '--check'], {
      // `--import tsx` resolves from the working directory: run where tsx is installed.
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('covers all 25 operations, with 201 for the creations', () => {
    expect(operations).toHaveLength(25);
    const created = operations
      .filter((operation) => operation.successStatus === 201)
      .map((operation) => operation.operationId)
      .sort();
    expect(created).toEqual([
      'createBranch',
      'createCheckpoint',
      'createConversation',
      'forkConversation',
    ]);
  });
});
