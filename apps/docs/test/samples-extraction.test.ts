import { describe, expect, test } from 'vitest';
import { extractSamples } from '../src/samples.js';

describe('extracting the samples of a guide', () => {
  const guide = [
    '# Title', // 1
    '', // 2
    '```sh', // 3
    'npm install chatroutes', // 4
    '```', // 5
    '', // 6
    '```ts', // 7
    "console.log('one');", // 8
    '```', // 9
    '', // 10
    '````typescript no-run', // 11
    '```', // 12
    "console.log('two');", // 13
    '````', // 14
  ].join('\n');

  test('takes the TypeScript fences only, with the line where their code starts', () => {
    expect(extractSamples('intro', guide)).toEqual([
      { guide: 'intro', index: 1, line: 8, code: "console.log('one');", run: true },
      { guide: 'intro', index: 2, line: 12, code: "```\nconsole.log('two');", run: false },
    ]);
  });

  test('fails on a fence that is never closed', () => {
    expect(() => extractSamples('broken', '```ts\nconst x = 1;\n')).toThrow('docs/broken.md:1');
  });
});
