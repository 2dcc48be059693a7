import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  README_CONTEXT,
  README_SOURCES,
  readmeSamplesDir,
  typeCheck,
  writeSamples,
} from './support/samples-project.js';

// The READMEs are what npm shows first: their samples must compile as a reader copies them.
// They are type-checked only (a README's snippet may need a key or a server to run; the
// guides' samples are the ones run against the mock).
const samples = await writeSamples(README_SOURCES, readmeSamplesDir);
const context = join(readmeSamplesDir, 'readme-context.d.ts');
await writeFile(context, README_CONTEXT);

describe('the READMEs’ TypeScript samples', () => {
  test('are found in the root README and in each package’s', () => {
    const sources = new Set(samples.map((sample) => sample.guide));
    expect([...sources].sort()).toEqual(
      [
        'readme',
        'readme-assistant-ui',
        'readme-ai-sdk',
        'readme-fetch',
        'readme-mock',
        'readme-react',
        'readme-sdk',
      ].sort(),
    );
  });

  test('type-check against the workspace packages', () => {
    expect(typeCheck(samples, readmeSamplesDir, [context])).toEqual([]);
  });
});
