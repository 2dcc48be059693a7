/**
 * A TypeScript code sample of a guide: type-checked, and run against the mock unless it opts
 * out. A TSX sample (a React component) is type-checked only: it has no program to run.
 */
export interface Sample {
  /** The guide's slug (its file name in `docs/` without `.md`). */
  guide: string;
  /** 1-based position among the guide's TypeScript samples. */
  index: number;
  /** `tsx` for a sample with JSX (```` ```tsx ````), else `ts`. */
  language: 'ts' | 'tsx';
  /** The line of the guide where the code starts (after the opening fence). */
  line: number;
  code: string;
  /**
   * False for a fence marked ```` ```ts no-run ```` and for every TSX sample: it is
   * type-checked but not run.
   */
  run: boolean;
  /**
   * Where it runs: `browser` for a fence marked ```` ```ts browser ```` (a script for a web
   * page, run in Chromium), `vitest` for one marked ```` ```ts vitest ```` (a test file, run
   * by Vitest), else `node`.
   */
  runsIn: 'node' | 'browser' | 'vitest';
}

const LANGUAGES: Record<string, Sample['language']> = { ts: 'ts', typescript: 'ts', tsx: 'tsx' };

/**
 * The ```` ```ts ```` and ```` ```tsx ```` fences of a Markdown guide. Other languages (`sh`,
 * `python`…) are not samples. A fence's info string may carry flags after the language:
 * `no-run`, `browser` and `vitest` are the ones understood here.
 */
export function extractSamples(guide: string, markdown: string): Sample[] {
  const samples: Sample[] = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const opening = /^(`{3,}|~{3,})\s*(\S*)\s*(.*)$/.exec(lines[i] ?? '');
    if (!opening) continue;
    const [, fence = '```', language = '', flags = ''] = opening;
    // A fence closes on a line of the same character, at least as long, and nothing else.
    const closing = new RegExp(`^\\${fence[0]}{${fence.length},}\\s*$`);
    const end = lines.findIndex((line, j) => j > i && closing.test(line));
    if (end === -1) throw new Error(`docs/${guide}.md:${i + 1}: a code fence is never closed`);
    const kind = LANGUAGES[language.toLowerCase()];
    if (kind) {
      samples.push({
        guide,
        index: samples.length + 1,
        language: kind,
        line: i + 2,
        code: lines.slice(i + 1, end).join('\n'),
        run: kind === 'ts' && !flags.split(/\s+/).includes('no-run'),
        runsIn: runnerOf(flags.split(/\s+/)),
      });
    }
    i = end;
  }
  return samples;
}

function runnerOf(flags: readonly string[]): Sample['runsIn'] {
  if (flags.includes('browser')) return 'browser';
  if (flags.includes('vitest')) return 'vitest';
  return 'node';
}

/** The file name a sample is written to: readable in a failure message. */
export function sampleFileName(sample: Sample): string {
  return `${sample.guide}.${sample.index}.${sample.language}`;
}
