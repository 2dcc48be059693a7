import type { Hono } from 'hono';
import { operations } from '../generated/spec.js';
import type { MockEnv } from './env.js';
import type { Handlers } from './operation.js';
import { validateBody, validateQuery } from './validation.js';

/**
 * Registers one route per operation of the spec, with the spec's method, path and success
 * status, its request validated by the spec's schemas before the handler runs. `Handlers`
 * is keyed by the generated operation ids, so a missing operation does not compile.
 */
export function registerOperations(api: Hono<MockEnv>, handlers: Handlers): void {
  for (const operation of operations) {
    const path = operation.path.replace(/\{(\w+)\}/g, ':$1');
    api.on(operation.method.toUpperCase(), path, async (c) => {
      const body = validateBody(operation, operation.body ? await c.req.text() : '');
      const query = validateQuery(operation, new URL(c.req.url).searchParams);
      return handlers[operation.operationId]({
        c,
        owner: c.get('owner'),
        successStatus: operation.successStatus,
        params: c.req.param() as Record<string, string>,
        query,
        body,
      });
    });
  }
}
