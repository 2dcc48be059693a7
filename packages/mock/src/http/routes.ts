import type { Hono } from 'hono';
import { operations } from '../generated/spec.js';
import type { MockEnv } from './env.js';
import { methodNotAllowed } from './errors.js';
import type { Handlers, OperationCall } from './operation.js';
import { validateBody, validateQuery } from './validation.js';

type Operation = (typeof operations)[number];

/**
 * Registers one route per operation of the spec, with the spec's method, path and success
 * status, its request validated by the spec's schemas before the handler runs. `Handlers`
 * is keyed by the generated operation ids, so a missing operation does not compile. A known
 * path asked with a method it does not have answers 405 with `Allow`.
 */
export function registerOperations(api: Hono<MockEnv>, handlers: Handlers): void {
  const methodsByPath = new Map<string, string[]>();
  for (const operation of operations) {
    const path = routePath(operation);
    const method = operation.method.toUpperCase();
    methodsByPath.set(path, [...(methodsByPath.get(path) ?? []), method]);
    api.on(method, path, async (c) => {
      const body = validateBody(operation, operation.body ? await c.req.text() : '');
      const query = validateQuery(operation, new URL(c.req.url).searchParams);
      // The one place where the request's types are asserted: the validators above have just
      // checked the body and the query against this operation's schemas.
      const handle = handlers[operation.operationId] as (
        call: OperationCall,
      ) => Response | Promise<Response>;
      return handle({
        c,
        owner: c.get('owner'),
        successStatus: operation.successStatus,
        params: c.req.param(),
        query,
        body,
      } as OperationCall);
    });
  }
  for (const [path, methods] of methodsByPath) {
    // Hono answers HEAD with the GET route, and CORS answers OPTIONS on every path.
    const allowed = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
    api.all(path, (c) => methodNotAllowed(c.req.method, allowed));
  }
}

function routePath(operation: Operation): string {
  return operation.path.replace(/\{(\w+)\}/g, ':$1');
}
