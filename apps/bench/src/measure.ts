/** How long each contender is run: warm-up rounds are discarded, the median round is kept. */
export interface RoundPlan {
  rounds: number;
  warmupRounds: number;
}

/** One timed run of a contender; resolves the number of operations it performed. */
export type Contender = () => number | Promise<number>;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Median µs per operation of each contender. Rounds are interleaved across contenders, so a
 * drift in machine speed (other jobs, CPU boost) hits every contender alike, and every round
 * must perform the expected number of operations, or the comparison would be meaningless.
 */
export async function microsPerOperation(
  contenders: Record<string, Contender>,
  expectedOperations: number,
  { rounds, warmupRounds }: RoundPlan,
): Promise<Record<string, number>> {
  const samples = new Map<string, number[]>(Object.keys(contenders).map((name) => [name, []]));
  for (let round = 0; round < warmupRounds + rounds; round++) {
    for (const [name, run] of Object.entries(contenders)) {
      const started = performance.now();
      const operations = await run();
      const elapsedMs = performance.now() - started;
      if (operations !== expectedOperations) {
        throw new Error(`${name} performed ${operations} operations, not ${expectedOperations}`);
      }
      if (round >= warmupRounds) samples.get(name)?.push((elapsedMs * 1000) / operations);
    }
  }
  return Object.fromEntries([...samples].map(([name, times]) => [name, median(times)]));
}
