import type { JsonValue } from '../snapshot/format.js';
import { apiPathOf } from './api-path.js';
import { type Cassette, CassetteError, type Interaction, readCassette } from './format.js';
import { operationOf } from './operations.js';
import { keyOf, parseBody, REDACTED } from './record.js';

/**
 * A request the cassette has no unused answer for. The replaying `fetch` rejects with it, so
 * a test fails saying what was asked, instead of reaching the network.
 */
export class CassetteMismatchError extends CassetteError {
  constructor(message: string) {
    super(message);
    this.name = 'CassetteMismatchError';
  }
}

/**
 * A `fetch` that answers from a cassette, with no network: each request gets the answer of
 * the first unused interaction of the same method, path, query and JSON body (keys in any
 * order; headers and `Idempotency-Key` are not compared, and the key is left out of the body
 * as the recording left it out). A stream is sent back
 * event by event. Any origin works, paths are read under `/api/v1` (or `options.baseUrl`).
 */
export function replayTraffic(
  cassette: Cassette | string,
  options: { baseUrl?: string } = {},
): typeof globalThis.fetch {
  const unused = [...readCassette(cassette).interactions];
  const pathOf = apiPathOf(options.baseUrl);
  return async (input, init) => {
    const request = new Request(input, init);
    request.signal.throwIfAborted();
    const url = new URL(request.url);
    const path = pathOf(url);
    // The key was left out of the recording wherever it stood: it is left out here too.
    const key = keyOf(request.headers);
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const body = parseBody(key ? text.split(key).join(REDACTED) : text);
    const wanted = canonical(body);
    const at = unused.findIndex(
      ({ request: recorded }) =>
        recorded.method === request.method &&
        recorded.path === path &&
        recorded.query === url.search &&
        canonical(recorded.body) === wanted,
    );
    const found = unused[at];
    if (!found) throw new CassetteMismatchError(mismatch(request.method, path, url.search, unused));
    unused.splice(at, 1);
    return answer(found);
  };
}

function answer({ response }: Interaction): Response {
  const headers = response.contentType ? { 'content-type': response.contentType } : undefined;
  const { body, status } = response;
  if (!response.events) {
    const text = body === null ? null : typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, headers });
  }
  // A stream goes back one event per chunk, as it arrived.
  const events = response.events.map(
    (event) => `data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`,
  );
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const event = events.shift();
      if (event === undefined) controller.close();
      else controller.enqueue(encoder.encode(event));
    },
  });
  return new Response(stream, { status, headers });
}

/** JSON with its object keys sorted, so that two bodies compare whatever their key order. */
function canonical(value: JsonValue): string {
  return JSON.stringify(value, (_key, item: JsonValue) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

function mismatch(method: string, path: string, query: string, unused: Interaction[]): string {
  const operation = operationOf(method, path);
  const same = unused.filter((interaction) => interaction.operation === operation).length;
  return `The cassette has no answer for ${method} ${path}${query} (${operation}) with this body: ${
    same === 0
      ? `no unused ${operation} interaction is left`
      : `${same} unused ${operation} interaction(s) differ in path, query or body`
  }`;
}
