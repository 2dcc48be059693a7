/**
 * `pnpm bench`: every comparison in one run, on this machine, on the same stub transport and
 * the same bytes. Prints the figures and the ratios (ours ÷ peer), writes them as JSON.
 *
 *   node --expose-gc --import tsx src/main.ts [--quick] [--out <file>]
 *
 * `--quick` runs tiny iteration counts (the smoke run of the tests): its figures mean nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLE_MEASURE, BUNDLES, measureBundles } from './bundle-size.js';
import { CLIENTS, COLD_START_MEASURE, measureColdStart } from './cold-start.js';
import type { RoundPlan } from './measure.js';
import { MEMORY_BUDGET, MEMORY_MEASURE, measureMemory } from './memory.js';
import {
  CONTENDERS,
  measureOverhead,
  OVERHEAD_MEASURE,
  type OverheadPlan,
  REQUEST_MEASURE,
} from './overhead.js';
import {
  type Comparison,
  compare,
  type Figure,
  figureTable,
  ratioTable,
  withinBudget,
} from './report.js';
import { CHUNK_SIZES, measureSse, type SsePlan, sseMeasure } from './sse.js';
import { READERS } from './stream-readers.js';

interface Plan {
  overhead: OverheadPlan;
  sse: SsePlan;
  memoryEvents: number;
  /** Streams per reader in the memory suite; each figure is their median. */
  memoryRuns: number;
  /** Fresh processes per client. */
  coldStart: RoundPlan;
}

// Many short rounds rather than a few long ones: the machine is shared, and a slow spell then
// spoils a few rounds of every contender instead of all the rounds of one.
// The overhead rounds are many and short: a budget is judged on the median of the per-round
// ratios, and 201 rounds of 200 requests make two runs on a quiet machine agree within ±0.05
// (see README).
const FULL: Plan = {
  overhead: { requests: 200, rounds: 201, warmupRounds: 10 },
  sse: { contentEvents: 10_000, rounds: 21, warmupRounds: 3 },
  memoryEvents: 100_000,
  memoryRuns: 5,
  coldStart: { rounds: 15, warmupRounds: 1 },
};
const QUICK: Plan = {
  overhead: { requests: 20, rounds: 2, warmupRounds: 0 },
  sse: { contentEvents: 100, rounds: 2, warmupRounds: 0 },
  memoryEvents: 1000,
  memoryRuns: 1,
  coldStart: { rounds: 1, warmupRounds: 0 },
};

/** Ours, the peer, and the largest ratio design.md allows when the comparison is a budget. */
type Pair = [measure: string, ours: string, peer: string, budget?: number];

function comparisons(figures: readonly Figure[]): Comparison[] {
  const pairs: Pair[] = [
    // The budgets are judged on whole requests, the stub included: the overhead alone divides
    // two differences of a few µs, whose ratio swings from round to round (its quartiles show).
    [REQUEST_MEASURE, CONTENDERS.chatroutes, CONTENDERS.openapiFetch, 1.5],
    [REQUEST_MEASURE, CONTENDERS.fetch, CONTENDERS.openapiFetch, 1.1],
    [REQUEST_MEASURE, CONTENDERS.chatroutes, CONTENDERS.openai],
    [OVERHEAD_MEASURE, CONTENDERS.chatroutes, CONTENDERS.openapiFetch],
    [OVERHEAD_MEASURE, CONTENDERS.chatroutes, CONTENDERS.openai],
    [OVERHEAD_MEASURE, CONTENDERS.fetch, CONTENDERS.openapiFetch],
    [OVERHEAD_MEASURE, CONTENDERS.fetch, CONTENDERS.openai],
    ...CHUNK_SIZES.flatMap((size): Pair[] => [
      [sseMeasure(size, 'µs/event'), READERS.chatroutes, READERS.eventsourceParser, 1.5],
      [sseMeasure(size, 'µs/event'), READERS.chatroutes, READERS.openai, 0.3],
      [sseMeasure(size, 'µs/event'), READERS.chatroutes, READERS.eventsourceParserStream],
      [sseMeasure(size, 'µs/event'), READERS.chatroutes, READERS.parseFloor],
    ]),
    [MEMORY_MEASURE, READERS.chatroutes, MEMORY_BUDGET, 1],
    [MEMORY_MEASURE, READERS.chatroutes, READERS.eventsourceParser],
    [MEMORY_MEASURE, READERS.chatroutes, READERS.eventsourceParserStream],
    [MEMORY_MEASURE, READERS.chatroutes, READERS.openai],
    [COLD_START_MEASURE, CLIENTS.chatroutes, CLIENTS.openai],
    [COLD_START_MEASURE, CLIENTS.chatroutes, CLIENTS.anthropic],
    [BUNDLE_MEASURE, BUNDLES.chatroutes, BUNDLES.openai],
    [BUNDLE_MEASURE, BUNDLES.chatroutesEverything, BUNDLES.openai],
    [BUNDLE_MEASURE, BUNDLES.fetch, BUNDLES.openai],
    [BUNDLE_MEASURE, BUNDLES.fetch, BUNDLES.openapiFetch],
  ];
  return pairs.map(([measure, ours, peer, budget]) =>
    compare(figures, measure, ours, peer, budget),
  );
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
// Other processes on the machine skew every figure; the load shows how quiet it was.
const loadBefore = loadavg()[0];
const figures = [
  ...(await measureOverhead(plan.overhead)),
  ...(await measureSse(plan.sse)),
  ...(await measureMemory(plan.memoryEvents, plan.memoryRuns)),
  ...(await measureColdStart(plan.coldStart)),
  ...(await measureBundles()),
];
const ratios = comparisons(figures);
const load = { before: loadBefore, after: loadavg()[0] };

console.log(`\n${figureTable(figures)}\n\nOurs ÷ peer (below 1: ours is faster or smaller)\n`);
console.log(ratioTable(ratios));
const missed = ratios.filter((ratio) => withinBudget(ratio) === false);
console.log(
  missed.length === 0
    ? '\nEvery budget holds (on the median of the paired ratios).'
    : `\nBudgets missed: ${missed.map((ratio) => `${ratio.measure}: ${ratio.ours} ÷ ${ratio.peer}`).join('; ')}`,
);
console.log(
  `\nLoad average (1 min): ${load.before?.toFixed(2)} before, ${load.after?.toFixed(2)} after`,
);

mkdirSync(dirname(outFile), { recursive: true });
const report = {
  command: 'pnpm bench',
  quick: values.quick,
  date: new Date().toISOString(),
  machine,
  loadAverage1Min: load,
  plan,
  figures,
  comparisons: ratios,
};
writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nWritten to ${outFile}`);
