import { describe, expect, test } from 'vitest';
import { extractSamples, sampleFileName } from '../src/samples.js';

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
    '', // 15
    '```tsx', // 16
    'export const Hello = () => <p>Hello</p>;', // 17
    '```', // 18
    '', // 19
    '```ts browser', // 20
    "document.title = 'page';", // 21
    '```', // 22
    '', // 23
    '```ts vitest', // 24
    "test('adds', () => expect(1 + 1).toBe(2));", // 25
    '```', // 26
  ].join('\n');

  test('takes the TypeScript and TSX fences only, with the line where their code starts', () => {
    expect(extractSamples('intro', guide)).toEqual([
      {
        guide: 'intro',
        index: 1,
        language: 'ts',
        line: 8,
        code: "console.log('one');",
        run: true,
        runsIn: 'node',
      },
      {
        guide: 'intro',
        index: 2,
        language: 'ts',
        line: 12,
        code: "```\nconsole.log('two');",
        run: false,
        runsIn: 'node',
      },
      {
        guide: 'intro',
        index: 3,
        language: 'tsx',
        line: 17,
        code: 'export const Hello = () => <p>Hello</p>;',
        run: false,
        runsIn: 'node',
      },
      {
        guide: 'intro',
        index: 4,
        language: 'ts',
        line: 21,
        code: "document.title = 'page';",
        run: true,
        runsIn: 'browser',
      },
      {
        guide: 'intro',
        index: 5,
        language: 'ts',
        line: 25,
        code: "test('adds', () => expect(1 + 1).toBe(2));",
        run: true,
        runsIn: 'vitest',
      },
    ]);
  });

  test('names each sample file by its language', () => {
    const [one, , hello] = extractSamples('intro', guide);
    expect(one && sampleFileName(one)).toBe('intro.1.ts');
    expect(hello && sampleFileName(hello)).toBe('intro.3.tsx');
  });

  test('fails on a fence that is never closed', () => {
    expect(() => extractSamples('broken', '```ts\nconst x = 1;\n')).toThrow('docs/broken.md:1');
  });
});
