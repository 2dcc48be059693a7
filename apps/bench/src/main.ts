/**
 * `pnpm bench`: every comparison in one run, on this machine, on the same stub transport and
 * the same bytes. Prints the figures and the ratios (ours ÷ peer), writes them as JSON.
 *
 *   node --expose-gc --import tsx src/main.ts [--quick] [--out <file>]
 *
 * `--quick` runs tiny iteration counts (the smoke run of the tests): its figures mean nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLE_MEASURE, BUNDLES, measureBundles } from './bundle-size.js';
import { MEMORY_MEASURE, measureMemory } from './memory.js';
import { CONTENDERS, measureOverhead, OVERHEAD_MEASURE, type OverheadPlan } from './overhead.js';
import { type Comparison, compare, type Figure, figureTable, ratioTable } from './report.js';
import { CHUNK_SIZES, measureSse, type SsePlan, sseMeasure } from './sse.js';
import { READERS } from './stream-readers.js';

interface Plan {
  overhead: OverheadPlan;
  sse: SsePlan;
  memoryEvents: number;
}

const FULL: Plan = {
  overhead: { requests: 2000, rounds: 15, warmupRounds: 3 },
  sse: { contentEvents: 20_000, rounds: 9, warmupRounds: 2 },
  memoryEvents: 100_000,
};
const QUICK: Plan = {
  overhead: { requests: 20, rounds: 1, warmupRounds: 0 },
  sse: { contentEvents: 100, rounds: 1, warmupRounds: 0 },
  memoryEvents: 1000,
};

function comparisons(figures: readonly Figure[]): Comparison[] {
  const pairs: Array<[string, string, string]> = [
    [OVERHEAD_MEASURE, CONTENDERS.chatroutes, CONTENDERS.openapiFetch],
    [OVERHEAD_MEASURE, CONTENDERS.chatroutes, CONTENDERS.openai],
    [OVERHEAD_MEASURE, CONTENDERS.fetch, CONTENDERS.openapiFetch],
    [OVERHEAD_MEASURE, CONTENDERS.fetch, CONTENDERS.openai],
    ...CHUNK_SIZES.flatMap(
      (size): Array<[string, string, string]> => [
        [sseMeasure(size, 'µs/event'), READERS.chatroutes, READERS.eventsourceParser],
        [sseMeasure(size, 'µs/event'), READERS.chatroutes, READERS.eventsourceParserStream],
        [sseMeasure(size, 'µs/event'), READERS.chatroutes, READERS.openai],
      ],
    ),
    [MEMORY_MEASURE, READERS.chatroutes, READERS.eventsourceParser],
    [MEMORY_MEASURE, READERS.chatroutes, READERS.eventsourceParserStream],
    [MEMORY_MEASURE, READERS.chatroutes, READERS.openai],
    [BUNDLE_MEASURE, BUNDLES.chatroutes, BUNDLES.openai],
    [BUNDLE_MEASURE, BUNDLES.fetch, BUNDLES.openai],
    [BUNDLE_MEASURE, BUNDLES.fetch, BUNDLES.openapiFetch],
  ];
  return pairs.map(([measure, ours, peer]) => compare(figures, measure, ours, peer));
}

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, out: { type: 'string' } },
});
const plan = values.quick ? QUICK : FULL;
const outFile = resolve(values.out ?? resolve(import.meta.dirname, '..', 'results', 'latest.json'));
const machine = `Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} × ${cpus()[0]?.model.trim()}`;

console.log(
  `ChatRoutes benchmark${values.quick ? ' (quick smoke run: figures mean nothing)' : ''}`,
);
console.log(machine);
const figures = [
  ...(await measureOverhead(plan.overhead)),
  ...(await measureSse(plan.sse)),
  ...(await measureMemory(plan.memoryEvents)),
  ...(await measureBundles()),
];
const ratios = comparisons(figures);

console.log(`\n${figureTable(figures)}\n\nOurs ÷ peer (below 1: ours is faster or smaller)\n`);
console.log(ratioTable(ratios));

mkdirSync(dirname(outFile), { recursive: true });
const report = {
  command: 'pnpm bench',
  quick: values.quick,
  date: new Date().toISOString(),
  machine,
  plan,
  figures,
  comparisons: ratios,
};
writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nWritten to ${outFile}`);
