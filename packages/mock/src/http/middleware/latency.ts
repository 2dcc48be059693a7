import type { MiddlewareHandler } from 'hono';
import type { MockEnv } from '../env.js';
import { pause } from '../waits.js';

/** Waits `delayMs()` before handling each request, to simulate a distant service. */
export function latency(delayMs: () => number, shutdown: AbortSignal): MiddlewareHandler<MockEnv> {
  return async (_c, next) => {
    const delay = delayMs();
    if (delay > 0) await pause(delay, shutdown);
    await next();
  };
}
