import { median } from './measure.js';
import type { Figure } from './report.js';
import { completeEvent, contentEvent, DONE_EVENT } from './sse-body.js';
import { type StreamReader, streamReaders } from './stream-readers.js';

export const MEMORY_MEASURE = 'memory above the start, peak (JS heap + array buffers)';
export const GROWTH_MEASURE = 'memory growth, 10 % → 100 % of the stream';
/** The budget of design.md: 1.2 × the reply text kept + 64 KiB. */
export const MEMORY_BUDGET = 'budget: 1.2 × reply text + 64 KiB';

/**
 * What a reader holds: the JS heap and the array buffers outside it, where a reader may keep
 * bytes (the reply text kept as UTF-8, say) that `heapUsed` alone would not show.
 */
function memoryInUse(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

const encoder = new TextEncoder();
const deltas = [' the', ' branch', ' checkpoint', ' résumé', ' 日本語', ' emoji 🎉', ' token', ','];
const deltaEvents = deltas.map((delta) => encoder.encode(contentEvent(delta)));

/**
 * A stream of `contentEvents` deltas made while it is read, so that the source itself holds
 * no memory and the heap shows only what the reader keeps.
 */
function generatedResponse(contentEvents: number): { response: Response; textBytes: number } {
  let sent = 0;
  let textBytes = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent < contentEvents) {
        const delta = sent % deltas.length;
        textBytes += encoder.encode(deltas[delta]).length;
        controller.enqueue(deltaEvents[delta] as Uint8Array);
      } else if (sent === contentEvents) {
        controller.enqueue(encoder.encode(completeEvent('(the reply)', contentEvents)));
      } else if (sent === contentEvents + 1) controller.enqueue(encoder.encode(DONE_EVENT));
      else controller.close();
      sent++;
    },
  });
  const response = new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  return {
    response,
    get textBytes() {
      return textBytes;
    },
  };
}

/**
 * The memory in use once the garbage of what ran before is gone. V8 releases the backing
 * stores of dead array buffers after a GC, not during it: without waiting, the start would
 * still count the megabytes of reads the previous suite left behind.
 */
async function settledMemory(gc: () => void): Promise<number> {
  let previous = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 20; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const now = memoryInUse();
    if (Math.abs(previous - now) < 1024) return now;
    previous = now;
  }
  return previous;
}

/** One reader's stream: its peak above the memory at the start, and its growth, in bytes. */
async function measureOnce(
  read: StreamReader,
  contentEvents: number,
  gc: () => void,
): Promise<{ peak: number; growth: number; textBytes: number }> {
  const every = Math.max(1, Math.floor(contentEvents / 10));
  const source = generatedResponse(contentEvents);
  const samples: number[] = [];
  const start = await settledMemory(gc);
  const objects = await read(source.response, (count) => {
    if (count % every === 0) {
      gc();
      samples.push(memoryInUse());
    }
  });
  if (objects !== contentEvents + 1) {
    throw new Error(`a reader produced ${objects} objects, not ${contentEvents + 1}`);
  }
  return {
    peak: Math.max(...samples) - start,
    growth: (samples[samples.length - 1] ?? 0) - (samples[0] ?? 0),
    textBytes: source.textBytes,
  };
}

/**
 * The memory in use (after a full GC) sampled every tenth of a `contentEvents`-long stream, for each
 * reader: its peak above the heap at the start, and its growth over the last nine tenths
 * (flat is ~0; a reader that keeps the reply's text grows by about the text's size). Each
 * figure is the median of `runs` streams, the readers taking turns, as one stream's figure
 * moves by a tenth from run to run with the GC's timing.
 */
export async function measureMemory(contentEvents: number, runs = 5): Promise<Figure[]> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the memory suite needs a full GC: run node with --expose-gc');
  const results = new Map(
    Object.keys(streamReaders).map((contender) => [
      contender,
      [] as Array<{ peak: number; growth: number }>,
    ]),
  );
  let textKiB = 0;
  for (let run = 0; run < runs; run++) {
    for (const [contender, read] of Object.entries(streamReaders)) {
      const result = await measureOnce(read, contentEvents, gc);
      textKiB = result.textBytes / 1024;
      results.get(contender)?.push(result);
    }
  }
  const figures: Figure[] = [];
  for (const [contender, runsOf] of results) {
    // The runs of all readers alternate: run n of two readers is a pair.
    const peaks = runsOf.map((result) => result.peak / 1024);
    figures.push(
      {
        suite: 'memory',
        measure: MEMORY_MEASURE,
        contender,
        value: median(peaks),
        unit: 'KiB',
        samples: peaks,
      },
      {
        suite: 'memory',
        measure: GROWTH_MEASURE,
        contender,
        value: median(runsOf.map((result) => result.growth)) / 1024,
        unit: 'KiB',
      },
    );
  }
  figures.push(
    {
      suite: 'memory',
      measure: 'reply text streamed',
      contender: 'the stream',
      value: textKiB,
      unit: 'KiB',
    },
    {
      suite: 'memory',
      measure: MEMORY_MEASURE,
      contender: MEMORY_BUDGET,
      value: 1.2 * textKiB + 64,
      unit: 'KiB',
    },
  );
  return figures;
}
