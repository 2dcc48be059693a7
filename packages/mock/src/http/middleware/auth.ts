import type { MiddlewareHandler } from 'hono';
import type { MockEnv } from '../env.js';
import { unauthorized } from '../errors.js';

const API_KEY_SCHEME = /^ApiKey\s+(\S+)\s*$/;

/**
 * `Authorization: ApiKey <key>`, exactly that scheme. Any key is accepted unless the mock
 * was given a set of keys. The key becomes the caller's identity: it owns what it creates.
 */
export function auth(acceptedKeys: ReadonlySet<string> | undefined): MiddlewareHandler<MockEnv> {
  return async (c, next) => {
    const key = API_KEY_SCHEME.exec(c.req.header('authorization') ?? '')?.[1];
    if (key === undefined || (acceptedKeys !== undefined && !acceptedKeys.has(key))) {
      return unauthorized();
    }
    c.set('owner', key);
    await next();
  };
}
