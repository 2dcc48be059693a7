import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { median, type RoundPlan, rotatingRounds } from './measure.js';
import type { Figure } from './report.js';

export const COLD_START_MEASURE = 'cold start: import + new client, in a fresh process';

export const CLIENTS = {
  chatroutes: 'chatroutes',
  openai: 'openai 6.49.0',
  anthropic: '@anthropic-ai/sdk 1.17.0',
} as const;

/** What an app does first: import the package and construct its client. */
const programs: Record<string, string> = {
  [CLIENTS.chatroutes]:
    "const { ChatRoutes } = await import('chatroutes'); new ChatRoutes({ apiKey: 'k' });",
  [CLIENTS.openai]:
    "const { default: OpenAI } = await import('openai'); new OpenAI({ apiKey: 'k' });",
  [CLIENTS.anthropic]:
    "const { default: Anthropic } = await import('@anthropic-ai/sdk'); new Anthropic({ apiKey: 'k' });",
};

/**
 * Milliseconds from the first line of the program to its client, in a fresh `node` (so no
 * module is cached): the cost of loading and evaluating the package, not Node's own start.
 */
async function coldStartMs(program: string): Promise<number> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--input-type=module',
      '--eval',
      `const started = performance.now(); ${program} console.log(performance.now() - started);`,
    ],
    // Bare specifiers resolve from the bench's own dependencies.
    { cwd: import.meta.dirname },
  );
  return Number(stdout.trim());
}

/**
 * Each client's cold start, one fresh process per client and round, the order rotating from
 * round to round (a disk cache warmed by one must not always favour the next).
 */
export async function measureColdStart(plan: RoundPlan): Promise<Figure[]> {
  const samples = await rotatingRounds(Object.keys(programs), plan, async (name) => {
    const ms = await coldStartMs(programs[name] as string);
    if (!Number.isFinite(ms)) throw new Error(`${name} printed no time`);
    return ms;
  });
  return Object.entries(samples).map(([contender, values]) => ({
    suite: 'cold start',
    measure: COLD_START_MEASURE,
    contender,
    value: median(values),
    unit: 'ms',
    samples: values,
  }));
}
