import type { MiddlewareHandler } from 'hono';
import type { MockEnv } from '../env.js';

/** Gives every response, errors and preflights included, an `x-request-id`. */
export function requestId(nextId: () => string): MiddlewareHandler<MockEnv> {
  return async (c, next) => {
    const id = nextId();
    c.set('requestId', id);
    await next();
    c.res.headers.set('x-request-id', id);
  };
}
