/**
 * `pnpm bench`: every comparison in one run, on this machine, on the same stub transport and
 * the same bytes. Prints the figures and the ratios (ours ÷ peer), writes them as JSON.
 *
 *   node --expose-gc --import tsx src/main.ts [--quick] [--only <suite>] [--out <file>]
 *
 * `--quick` runs tiny iteration counts (the smoke run of the tests): its figures mean nothing.
 * `--only` runs one suite (`overhead`, `sse`, `memory`, `bundle` or `relay`).
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
  measureRelay,
  RELAY_CONTENDERS,
  RELAY_OVERHEAD_MEASURE,
  type RelayPlan,
  THROUGHPUT_BUDGET,
  THROUGHPUT_MEASURE,
  TTFB_BUDGET,
  TTFB_MEASURE,
} from './relay.js';
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
  relay: RelayPlan;
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
  relay: { streams: 200, gets: 2000, concurrency: 8, rounds: 5 },
};
const QUICK: Plan = {
  overhead: { requests: 20, rounds: 2, warmupRounds: 0 },
  sse: { contentEvents: 100, rounds: 2, warmupRounds: 0 },
  memoryEvents: 1000,
  memoryRuns: 1,
  coldStart: { rounds: 1, warmupRounds: 0 },
  relay: { streams: 2, gets: 10, concurrency: 2, rounds: 1 },
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
    [TTFB_MEASURE, RELAY_CONTENDERS.relay, RELAY_CONTENDERS.direct],
    [RELAY_OVERHEAD_MEASURE, RELAY_CONTENDERS.relay, TTFB_BUDGET],
    [THROUGHPUT_MEASURE, RELAY_CONTENDERS.relay, RELAY_CONTENDERS.direct],
    [THROUGHPUT_MEASURE, RELAY_CONTENDERS.relay, RELAY_CONTENDERS.bare],
    [TTFB_MEASURE, RELAY_CONTENDERS.relay, RELAY_CONTENDERS.bare],
    [THROUGHPUT_MEASURE, RELAY_CONTENDERS.relay, THROUGHPUT_BUDGET],
  ];
  // The measures of the suites that ran (`--only` runs one).
  const measured = new Set(figures.map((figure) => figure.measure));
  return pairs
    .filter(([measure]) => measured.has(measure))
    .map(([measure, ours, peer, budget]) => compare(figures, measure, ours, peer, budget));
}

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
  },
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
const suites: Record<string, () => Promise<Figure[]>> = {
  overhead: () => measureOverhead(plan.overhead),
  sse: () => measureSse(plan.sse),
  memory: () => measureMemory(plan.memoryEvents, plan.memoryRuns),
  'cold start': () => measureColdStart(plan.coldStart),
  bundle: () => measureBundles(),
  relay: () => measureRelay(plan.relay),
};
if (values.only !== undefined && !(values.only in suites)) {
  throw new Error(`--only: no suite ${values.only} (${Object.keys(suites).join(', ')})`);
}
const figures: Figure[] = [];
for (const [suite, measure] of Object.entries(suites)) {
  if (values.only === undefined || values.only === suite) figures.push(...(await measure()));
}
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
