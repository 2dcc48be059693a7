import { median, type RoundPlan, samplesPerOperation } from './measure.js';
import type { Figure } from './report.js';
import { replyBytes, responseOf, splitIntoReads } from './sse-body.js';
import { streamReaders } from './stream-readers.js';

export interface SsePlan extends RoundPlan {
  /** Content deltas per reply (plus its `complete` chunk). */
  contentEvents: number;
}

/** The read sizes measured: a trickle, a typical network read, a large buffered read. */
export const CHUNK_SIZES = [64, 1024, 16_384] as const;

export function sseMeasure(size: number, unit: 'µs/event' | 'MB/s'): string {
  const label = size >= 1024 ? `${size / 1024} KiB` : `${size} B`;
  return unit === 'MB/s' ? `SSE throughput, ${label} reads` : `SSE parsing, ${label} reads`;
}

/** µs per event and MB/s of each reader on the same reply cut into reads of each size. */
export async function measureSse(plan: SsePlan): Promise<Figure[]> {
  const bytes = replyBytes(plan.contentEvents);
  const objects = plan.contentEvents + 1;
  const figures: Figure[] = [];
  for (const size of CHUNK_SIZES) {
    const reads = splitIntoReads(bytes, size);
    const contenders = Object.fromEntries(
      Object.entries(streamReaders).map(([name, read]) => [name, () => read(responseOf(reads))]),
    );
    const samples = await samplesPerOperation(contenders, objects, plan);
    for (const [contender, perEvent] of Object.entries(samples)) {
      const throughput = perEvent.map((micros) => bytes.length / (micros * objects));
      figures.push(
        {
          suite: 'sse',
          measure: sseMeasure(size, 'µs/event'),
          contender,
          value: median(perEvent),
          unit: 'µs/event',
          samples: perEvent,
        },
        {
          suite: 'sse',
          measure: sseMeasure(size, 'MB/s'),
          contender,
          value: median(throughput),
          unit: 'MB/s',
          samples: throughput,
        },
      );
    }
  }
  return figures;
}
