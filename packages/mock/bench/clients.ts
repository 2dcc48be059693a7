/** The latencies of the requests a run made (ms), and how many failed. */
export interface ClientsResult {
  latencies: number[];
  errors: number;
  /** The run's length, in s. */
  seconds: number;
}

/**
 * Runs `clients` loops of `request`, each waiting for its answer before the next, until
 * `seconds` have passed or `requests` were made in all; each request is timed.
 */
export async function runClients(
  clients: number,
  request: (client: number) => Promise<boolean>,
  until: { seconds: number } | { requests: number },
): Promise<ClientsResult> {
  const started = performance.now();
  const deadline = 'seconds' in until ? started + until.seconds * 1000 : Number.POSITIVE_INFINITY;
  let budget = 'requests' in until ? until.requests : Number.POSITIVE_INFINITY;
  const latencies: number[] = [];
  let errors = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < deadline && budget-- > 0) {
        const sent = performance.now();
        const ok = await request(client).catch(() => false);
        latencies.push(performance.now() - sent);
        if (!ok) errors += 1;
      }
    }),
  );
  return { latencies, errors, seconds: (performance.now() - started) / 1000 };
}

/** The latency under which `share` of the requests answered. */
export function percentile(latencies: readonly number[], share: number): number {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}

/** Requests per second of a run. */
export const rateOf = (result: ClientsResult) => result.latencies.length / result.seconds;
