import { microsPerOperation, type RoundPlan } from './measure.js';
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
    const micros = await microsPerOperation(contenders, objects, plan);
    for (const [contender, perEvent] of Object.entries(micros)) {
      const seconds = (perEvent * objects) / 1e6;
      figures.push(
        {
          suite: 'sse',
          measure: sseMeasure(size, 'µs/event'),
          contender,
          value: perEvent,
          unit: 'µs/event',
        },
        {
          suite: 'sse',
          measure: sseMeasure(size, 'MB/s'),
          contender,
          value: bytes.length / 1e6 / seconds,
          unit: 'MB/s',
        },
      );
    }
  }
  return figures;
}
