/** How long each contender is run: warm-up rounds are discarded, the others all kept. */
export interface RoundPlan {
  rounds: number;
  warmupRounds: number;
}

/** One timed run of a contender; resolves the number of operations it performed. */
export type Contender = () => number | Promise<number>;

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** The value below which a `fraction` of `values` lie (nearest rank; NaN when empty). */
export function quantile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

/**
 * One sample of each contender per round, kept in round order so that two contenders can be
 * compared round by round (`pairedRatios`). Within a round every contender runs once, and the
 * order rotates from round to round: a contender that leaves garbage (or a warm cache) behind
 * must not always hand it to the same successor.
 */
export async function rotatingRounds(
  names: readonly string[],
  { rounds, warmupRounds }: RoundPlan,
  sample: (name: string) => Promise<number>,
): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < warmupRounds + rounds; round++) {
    for (let turn = 0; turn < names.length; turn++) {
      const name = names[(round + turn) % names.length] as string;
      const value = await sample(name);
      if (round >= warmupRounds) samples[name]?.push(value);
    }
  }
  return samples;
}

/**
 * µs per operation of each contender, one sample per round (`rotatingRounds`). A full GC
 * before each timed run (when node runs with `--expose-gc`) pays the GC debt of what ran
 * before outside every timing (openai allocates ~52 KB a request). Each run must perform the
 * expected number of operations, or the comparison would be meaningless.
 */
export function samplesPerOperation(
  contenders: Record<string, Contender>,
  expectedOperations: number,
  plan: RoundPlan,
): Promise<Record<string, number[]>> {
  const gc = (globalThis as { gc?: () => void }).gc;
  return rotatingRounds(Object.keys(contenders), plan, async (name) => {
    gc?.();
    const started = performance.now();
    const operations = await (contenders[name] as Contender)();
    const elapsedMs = performance.now() - started;
    if (operations !== expectedOperations) {
      throw new Error(`${name} performed ${operations} operations, not ${expectedOperations}`);
    }
    return (elapsedMs * 1000) / operations;
  });
}

/** Ours ÷ peer in each round where both were measured: the spread of a paired comparison. */
export function pairedRatios(ours: readonly number[], peer: readonly number[]): number[] {
  if (ours.length !== peer.length) {
    throw new Error(`cannot pair ${ours.length} rounds with ${peer.length}`);
  }
  return ours.map((value, round) => value / (peer[round] as number));
}
