import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generate } from '../scripts/generate.js';

describe('the generated modules', () => {
  it('match a fresh generation from the spec (run `pnpm gen` after changing the spec)', async () => {
    for (const [name, content] of Object.entries(await generate())) {
      const committed = await readFile(
        new URL(`../src/generated/${name}`, import.meta.url),
        'utf8',
      );
      expect(committed, `src/generated/${name} is stale`).toBe(content);
    }
  });
});
