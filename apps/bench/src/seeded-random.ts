/**
 * A seeded generator of numbers in [0, 1) (a linear congruential one), so that every run of
 * the bench measures the same bytes and the same conversations.
 */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}
