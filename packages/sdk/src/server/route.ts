import { OPERATIONS, type OperationId, type OperationRule } from './operations.js';

/** The operation a request names, with its path parameters decoded. */
export interface Route {
  id: OperationId;
  rule: OperationRule;
  params: Record<string, string>;
  /** The path to send upstream: the spec's path with each parameter percent-encoded again. */
  upstreamPath: string;
}

interface Matcher {
  id: OperationId;
  rule: OperationRule;
  pattern: RegExp;
  names: string[];
}

// Built once: one pattern per operation, a `{parameter}` standing for one path segment.
const matchers: Matcher[] = Object.entries(OPERATIONS).map(([id, rule]) => {
  const names: string[] = [];
  const source = rule.path.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { id: id as OperationId, rule, pattern: new RegExp(`^${source}$`), names };
});

/**
 * The operation of `method` on `path` (what follows the relay's base path), or `undefined`
 * when the spec has none: a request the relay does not know is never forwarded.
 */
export function matchRoute(method: string, path: string): Route | undefined {
  for (const { id, rule, pattern, names } of matchers) {
    if (rule.method !== method.toLowerCase()) continue;
    const found = pattern.exec(path);
    if (!found) continue;
    const params: Record<string, string> = {};
    try {
      names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] as string);
      });
    } catch {
      // A malformed escape names nothing that exists.
      return undefined;
    }
    const upstreamPath = rule.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(params[name] as string),
    );
    return { id, rule, params, upstreamPath };
  }
  return undefined;
}
