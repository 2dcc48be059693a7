import type { JsonValue } from '../snapshot/format.js';
import { apiPathOf } from './api-path.js';
import { CASSETTE_FORMAT, CASSETTE_VERSION, type Cassette, type Interaction } from './format.js';
import { IdRewriter } from './ids.js';
import { operationOf } from './operations.js';

/** Where the recording starts and what it leaves out. */
export interface RecordOptions {
  /**
   * The base URL the client calls; paths are recorded relative to it. By default the part of
   * each URL up to and including `/api/v1`.
   */
  baseUrl?: string;
}

/** A recording in progress. */
export interface Recording {
  /** Hand this to the client (`new ChatRoutes({ fetch: recording.fetch })`): it records. */
  fetch: typeof globalThis.fetch;
  /**
   * What was recorded so far, ids rewritten and secrets left out: save it with
   * `JSON.stringify(cassette, null, 2)`. Streams still open are recorded up to where they are.
   */
  cassette(): Cassette;
}

/** What stands in a cassette where the key was. */
export const REDACTED = '[redacted]';

/**
 * Records ChatRoutes traffic through `fetch` (the real one, or any): each request with its
 * operation, path, query and JSON body, and each answer's status, content type and body
 * (a stream's text as it was sent). The API key, the `Authorization` header and cookies are
 * never written: no header is recorded but `content-type`, and the key is replaced by
 * `[redacted]` wherever a body echoes it. The caller gets every answer as it came,
 * streams included, at their own pace.
 */
export function recordTraffic(
  fetch: typeof globalThis.fetch = globalThis.fetch,
  options: RecordOptions = {},
): Recording {
  const recorded: Recorded[] = [];
  const pathOf = apiPathOf(options.baseUrl);
  const record: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const { method } = request;
    const url = new URL(request.url);
    const path = pathOf(url);
    const requestText = method === 'GET' || method === 'HEAD' ? '' : await request.clone().text();
    const response = await fetch(request);
    const entry: Recorded = {
      interaction: {
        operation: operationOf(method, path),
        request: { method, path, query: url.search, body: parseBody(requestText) },
        response: {
          status: response.status,
          contentType: response.headers.get('content-type'),
          body: null,
        },
      },
      key: keyOf(request.headers),
      text: '',
    };
    recorded.push(entry);
    if (!response.body) return response;
    // One copy for the caller, one read for the cassette as it arrives: a client that stops
    // reading, or aborts, leaves in the cassette what had come.
    const [forCaller, forCassette] = response.body.tee();
    void collect(forCassette, entry);
    return new Response(forCaller, response);
  };
  return { fetch: record, cassette: () => cassetteOf(recorded) };
}

/** A recorded exchange: its answer's text is kept as it comes and read when a cassette is made. */
interface Recorded {
  interaction: Interaction;
  key: string | undefined;
  text: string;
}

async function collect(body: ReadableStream<Uint8Array>, entry: Recorded): Promise<void> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      entry.text += decoder.decode(chunk.value, { stream: true });
    }
  } catch {
    // The body ended early (the client aborted, the connection dropped): keep what came.
  }
  entry.text += decoder.decode();
}

function cassetteOf(recorded: readonly Recorded[]): Cassette {
  const answered = recorded.map(({ interaction, key, text }) => {
    const events = eventsOf(interaction.response.contentType, text);
    const response = events
      ? { ...interaction.response, events }
      : { ...interaction.response, body: parseBody(text) };
    const whole = { ...interaction, response };
    return key ? redact(whole, key) : whole;
  });
  const ids = new IdRewriter();
  for (const { response } of answered) {
    ids.learn(response.body);
    for (const event of response.events ?? []) ids.learn(event);
  }
  const interactions = answered.map((interaction) => ({
    ...interaction,
    request: {
      ...interaction.request,
      path: ids.rewriteText(interaction.request.path),
      query: ids.rewriteText(interaction.request.query),
      body: ids.rewrite(interaction.request.body),
    },
    response: {
      ...interaction.response,
      body: ids.rewrite(interaction.response.body),
      ...(interaction.response.events && { events: ids.rewrite(interaction.response.events) }),
    },
  }));
  return { format: CASSETTE_FORMAT, version: CASSETTE_VERSION, interactions };
}

/** The key the request carries (`ApiKey …` or `Bearer …`), to keep it out of the cassette. */
export function keyOf(headers: Headers): string | undefined {
  const value = /^\S+\s+(.+)$/.exec(headers.get('authorization') ?? '')?.[1]?.trim();
  return value || undefined;
}

function redact(interaction: Interaction, key: string): Interaction {
  return JSON.parse(JSON.stringify(interaction).split(key).join(REDACTED)) as Interaction;
}

/**
 * A stream's events, when it is an event stream of `data:` lines only (what ChatRoutes
 * sends); `undefined` for any other body, which is kept as text.
 */
function eventsOf(contentType: string | null, text: string): JsonValue[] | undefined {
  if (!contentType?.startsWith('text/event-stream')) return undefined;
  const blocks = text.split('\n\n').filter((block) => block !== '');
  if (!blocks.every((block) => /^data: [^\n]*$/.test(block))) return undefined;
  return blocks.map((block) => parseBody(block.slice('data: '.length)));
}

/** A body as JSON when it is JSON, else its text; `null` when empty. */
export function parseBody(text: string): JsonValue {
  if (text === '') return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}
