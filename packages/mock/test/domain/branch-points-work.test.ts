import { describe, expect, it } from 'vitest';
import { detectBranchPoints } from '../../src/domain/branch-points.js';

/*
 * AutoBranch must do linear work: a text ten times longer may cost about ten times more,
 * never a hundred. Measured as CPU time of this process (not wall-clock time, which other
 * processes on the machine would distort) for the same number of characters either way:
 * ten texts of n characters against one of 10 n. Linear work gives a ratio near 1, the
 * quadratic patterns and overlap filter this guards against gave about 10.
 */
const SHORT = 2_000;
const REPEATS = 4;

const adversarial: Record<string, (length: number) => string> = {
  letters: (n) => 'a'.repeat(n),
  'questions ("why? ")': (n) => 'why? '.repeat(n / 5),
  'words, no sentence end': (n) => 'word '.repeat(n / 5),
  'alternatives ("a or ")': (n) => 'a or '.repeat(n / 5),
  'whitespace then a word': (n) => `a${' '.repeat(n - 2)}b`,
  'digits on one line': (n) => '1'.repeat(n),
  'list items': (n) => '- item\n'.repeat(n / 7),
  ordinals: (n) => 'first second '.repeat(n / 13),
};

function cpuMicros(work: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let trial = 0; trial < 5; trial++) {
    const before = process.cpuUsage();
    work();
    const used = process.cpuUsage(before);
    best = Math.min(best, used.user + used.system);
  }
  return best;
}

describe('branch point detection does linear work', () => {
  for (const [name, build] of Object.entries(adversarial)) {
    it(`on ${name}`, () => {
      const short = build(SHORT);
      const long = build(SHORT * 10);
      detectBranchPoints(long); // warm up the regex engine
      const shortCost = cpuMicros(() => {
        for (let run = 0; run < 10 * REPEATS; run++) detectBranchPoints(short);
      });
      const longCost = cpuMicros(() => {
        for (let run = 0; run < REPEATS; run++) detectBranchPoints(long);
      });
      expect(longCost / Math.max(shortCost, 1)).toBeLessThan(4);
    });
  }
});
