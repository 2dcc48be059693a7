import type { Exchange } from '../domain/exchange.js';
import type { MessageRecord } from '../domain/records.js';
import { SSE_DONE, SSE_HEADERS, sseEvent } from './sse.js';
import { pause } from './waits.js';
import { toMessage } from './wire.js';

const encoder = new TextEncoder();

export interface ExchangeStream {
  response: Response;
  /**
   * Settles once the exchange has: with the stream's whole text when it was committed, with
   * `undefined` when it was rolled back. The idempotency store keeps or forgets the key by it.
   */
  outcome: Promise<string | undefined>;
}

export interface ExchangeStreamOptions {
  /** Pause between two events, in ms. */
  delayMs: number;
  /** Aborts when the client leaves or the mock closes: the exchange is rolled back. */
  stop: AbortSignal;
  /** Gives the branch's turn back; called once, at commit or at roll-back. */
  release: () => void;
  /** The time since the request started, on the mock's clock: the reply's `responseTime`. */
  elapsedMs: () => number;
}

/**
 * The SSE answer of `streamMessage`: the reply word by word at the configured pace, then the
 * `complete` chunk with the stored message, then `[DONE]`.
 *
 * The exchange is atomic. It is committed (prompt and reply stored together) in the same
 * step that writes `complete` and `[DONE]`, as one network write. A stream that ends before
 * that — the client left, the body was cancelled (a `cut-stream` or `stall` fault), the mock
 * closed — is rolled back: nothing is stored and its Idempotency-Key is released, so a retry
 * runs afresh.
 */
export function streamExchange(exchange: Exchange, options: ExchangeStreamOptions): ExchangeStream {
  const pieces = exchange.reply.content.match(/\s*\S+(?:\s+$)?/g) ?? [];
  const cancelled = new AbortController();
  const halt = AbortSignal.any([options.stop, cancelled.signal]);
  let settle: (text: string | undefined) => void = () => {};
  const outcome = new Promise<string | undefined>((resolve) => {
    settle = resolve;
  });
  let settled = false;
  const rollBack = () => {
    if (settled) return;
    settled = true;
    options.release();
    settle(undefined);
  };
  if (halt.aborted) rollBack();
  else halt.addEventListener('abort', rollBack, { once: true });

  let written = '';
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next > 0) await pause(options.delayMs, halt);
      // Rolled back: the stream just ends, without `complete` (a client sees a broken stream).
      if (halt.aborted) return endQuietly(controller);
      if (next < pieces.length) {
        const content = pieces[next++];
        write(
          controller,
          sseEvent(JSON.stringify({ type: 'content', content, model: exchange.resolvedModel })),
        );
        return;
      }
      // Commit and the final events in one synchronous step: no abort can fall in between.
      settled = true;
      halt.removeEventListener('abort', rollBack);
      let message: MessageRecord;
      try {
        message = exchange.commit(options.elapsedMs()).reply;
      } catch (error) {
        // A bug in the mock: nothing was stored, so the key is released like a roll-back's.
        settle(undefined);
        throw error;
      } finally {
        options.release();
      }
      const complete = {
        type: 'complete',
        message: toMessage(message),
        usage: exchange.usage,
        model: exchange.resolvedModel,
      };
      write(controller, sseEvent(JSON.stringify(complete)) + SSE_DONE);
      settle(written);
      controller.close();
    },
    cancel() {
      cancelled.abort();
    },
  });

  function write(controller: ReadableStreamDefaultController<Uint8Array>, text: string): void {
    written += text;
    controller.enqueue(encoder.encode(text));
  }

  return { response: new Response(body, { headers: SSE_HEADERS }), outcome };
}

/** Closes the stream unless it is closed already (a pull can outlive a cancel). */
function endQuietly(controller: ReadableStreamDefaultController<Uint8Array>): void {
  try {
    controller.close();
  } catch {
    // Cancelled meanwhile: nothing is left to end.
  }
}
