/**
 * SSE benchmark (not a test): our parser against eventsource-parser 3.1.1 and openai-node's
 * stream reader on the same bytes, in one run, plus the memory of a 100 000-event stream.
 *
 *   cd packages/sdk && node --expose-gc --import tsx bench/sse.bench.ts
 *
 * The same reply is cut into the same reads for every contender. The parsers are measured
 * twice: fed the reads directly (the parsing alone), and reading Response bodies built from
 * those reads (as in real use; openai-node's reader only takes a Response).
 */
import { createParser } from 'eventsource-parser';
import { _iterSSEMessages, Stream } from 'openai/core/streaming';
import { MessageStream } from '../src/streaming/message-stream.js';
import { createSseParser } from '../src/streaming/sse.js';

const EVENTS = 20_000;
const ROUNDS = 15;
const WARMUP_ROUNDS = 3;
const encoder = new TextEncoder();

// A deterministic pseudo-random sequence, so every run measures the same bytes.
function randomSequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const words = ['the', 'branch', 'checkpoint', 'résumé', 'über', '日本語', 'emoji 🎉', 'token', ','];

function replyBytes(events: number): Uint8Array {
  const random = randomSequence(42);
  const parts: string[] = [];
  let text = '';
  for (let index = 0; index < events - 1; index++) {
    const delta = ` ${words[Math.floor(random() * words.length)]}`;
    text += delta;
    parts.push(`data: ${JSON.stringify({ type: 'content', content: delta })}\n\n`);
  }
  const message = {
    id: 'msg_1',
    conversationId: 'conv_1',
    branchId: null,
    role: 'assistant',
    content: text,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  const usage = { promptTokens: 10, completionTokens: events, totalTokens: events + 10 };
  parts.push(`data: ${JSON.stringify({ type: 'complete', message, usage, model: 'gpt-5' })}\n\n`);
  parts.push('data: [DONE]\n\n');
  return encoder.encode(parts.join(''));
}

/** Cuts `bytes` into reads of `min`..`max` bytes, anywhere (inside lines and characters). */
function splitIntoReads(bytes: Uint8Array, min: number, max: number): Uint8Array[] {
  const random = randomSequence(7);
  const reads: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; ) {
    const end = Math.min(bytes.length, start + min + Math.floor(random() * (max - min + 1)));
    reads.push(bytes.slice(start, end));
    start = end;
  }
  return reads;
}

function responseOf(reads: Uint8Array[]): Response {
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const read = reads[next++];
      if (read) controller.enqueue(read);
      else controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

type Contender = (reads: Uint8Array[]) => number | Promise<number>;

/** Reads fed straight to the parser: the parsing work alone. */
const parsersFedDirectly: Record<string, Contender> = {
  'chatroutes createSseParser': (reads) => {
    let events = 0;
    const parser = createSseParser({ onEvent: () => events++ });
    for (const bytes of reads) parser.feed(bytes);
    return events;
  },
  'eventsource-parser 3.1.1 createParser': (reads) => {
    let events = 0;
    const decoder = new TextDecoder();
    const parser = createParser({ onEvent: () => events++ });
    for (const bytes of reads) parser.feed(decoder.decode(bytes, { stream: true }));
    return events;
  },
};

async function readAll(response: Response, feed: (bytes: Uint8Array) => void): Promise<void> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    feed(value);
  }
}

/** Response body → SSE events. */
const parsersOverResponses: Record<string, Contender> = {
  'chatroutes createSseParser': async (reads) => {
    let events = 0;
    const parser = createSseParser({ onEvent: () => events++ });
    await readAll(responseOf(reads), (bytes) => parser.feed(bytes));
    return events;
  },
  'eventsource-parser 3.1.1 createParser': async (reads) => {
    let events = 0;
    const decoder = new TextDecoder();
    const parser = createParser({ onEvent: () => events++ });
    await readAll(responseOf(reads), (bytes) =>
      parser.feed(decoder.decode(bytes, { stream: true })),
    );
    return events;
  },
  'openai 6.49.0 _iterSSEMessages': async (reads) => {
    let events = 0;
    for await (const _ of _iterSSEMessages(responseOf(reads), new AbortController())) events++;
    return events;
  },
};

/** Response body → typed JSON chunks (what a caller iterates). */
const readers: Record<string, Contender> = {
  'chatroutes MessageStream': async (reads) => {
    let chunks = 0;
    const response = responseOf(reads);
    for await (const _ of new MessageStream(async () => response)) chunks++;
    return chunks + 1; // and its [DONE], which it consumes without yielding
  },
  'openai 6.49.0 Stream.fromSSEResponse': async (reads) => {
    let chunks = 0;
    for await (const _ of Stream.fromSSEResponse(responseOf(reads), new AbortController()))
      chunks++;
    return chunks + 1; // and its [DONE]
  },
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Rounds are interleaved across contenders so that drift in machine speed hits all alike. */
async function compare(title: string, contenders: Record<string, Contender>, reads: Uint8Array[]) {
  const timings = new Map<string, number[]>(Object.keys(contenders).map((name) => [name, []]));
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    for (const [name, run] of Object.entries(contenders)) {
      const started = performance.now();
      const events = await run(reads);
      const elapsed = performance.now() - started;
      if (events !== EVENTS + 1) throw new Error(`${name} saw ${events} events, not ${EVENTS + 1}`);
      if (round >= WARMUP_ROUNDS) timings.get(name)?.push((elapsed * 1000) / events);
    }
  }
  const [reference] = Object.keys(contenders);
  const referenceMicros = median(timings.get(reference ?? '') ?? []);
  console.log(`\n${title}`);
  for (const [name, samples] of timings) {
    const micros = median(samples);
    const ratio = (micros / referenceMicros).toFixed(2);
    console.log(`  ${name.padEnd(40)} ${micros.toFixed(3).padStart(7)} µs/event   ×${ratio}`);
  }
}

async function memoryOfLongStream(events: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    console.log('\n(memory check skipped: run node with --expose-gc)');
    return;
  }
  const eventBytes = encoder.encode(
    `data: ${JSON.stringify({ type: 'content', content: 'x' })}\n\n`,
  );
  const lastBytes = encoder.encode(
    `data: ${JSON.stringify({ type: 'complete', message: { content: '…' }, usage: {}, model: 'm' })}\n\n`,
  );
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      sent++;
      if (sent < events) controller.enqueue(eventBytes);
      else if (sent === events) controller.enqueue(lastBytes);
      else controller.close();
    },
  });
  const response = new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  const heapAt = new Map<number, number>();
  let seen = 0;
  for await (const _ of new MessageStream(async () => response)) {
    seen++;
    if (seen === events / 10 || seen === events - 1) {
      gc();
      heapAt.set(seen, process.memoryUsage().heapUsed);
    }
  }
  const [early, late] = [...heapAt.values()];
  const growth = ((late ?? 0) - (early ?? 0)) / 1024;
  const textGrowth = (events - 1 - events / 10) / 1024; // one 1-byte character per event
  console.log(
    `\nMemory of a ${events}-event stream: the heap grew ${growth.toFixed(0)} kB between event ` +
      `${events / 10} and event ${events - 1}; the reply text grew ${textGrowth.toFixed(0)} kB`,
  );
}

const bytes = replyBytes(EVENTS);
console.log(
  `SSE benchmark: ${EVENTS} events + [DONE], ${(bytes.length / 1024).toFixed(0)} kB, ` +
    `median of ${ROUNDS} rounds after ${WARMUP_ROUNDS} warm-up rounds, Node ${process.version}`,
);
const networkReads = splitIntoReads(bytes, 512, 4096);
const tinyReads = splitIntoReads(bytes, 1, 64);
const networkSized = `${networkReads.length} reads of 512–4096 bytes`;
const tiny = `${tinyReads.length} reads of 1–64 bytes`;
await compare(`Parsers fed the reads directly, ${networkSized}`, parsersFedDirectly, networkReads);
await compare(`Parsers fed the reads directly, ${tiny}`, parsersFedDirectly, tinyReads);
await compare(`Parsers over a Response body, ${networkSized}`, parsersOverResponses, networkReads);
await compare(`Parsers over a Response body, ${tiny}`, parsersOverResponses, tinyReads);
await compare(`Response → typed JSON chunks, ${networkSized}`, readers, networkReads);
await compare(`Response → typed JSON chunks, ${tiny}`, readers, tinyReads);
await memoryOfLongStream(100_000);
