import type { CompleteChunk, ContentChunk, Message, Usage } from '@chatroutes/fetch/contract';
import { isRecord, parseJsonOrText } from '../internal/json.js';

/** A chunk whose `type` this version of the SDK does not know, passed through untouched. */
export interface UnknownChunk {
  /** Always `unknown`, so that `chunk.type === 'content'` narrows the known chunks. */
  type: 'unknown';
  /** The chunk exactly as the server sent it. */
  data: {
    /** The chunk type the server sent. */
    type: string;
    [key: string]: unknown;
  };
}

/** What a `MessageStream` yields: the chunk types of the spec, and unknown ones as they came. */
export type MessageStreamChunk = ContentChunk | CompleteChunk | UnknownChunk;

/** What a finished stream resolves to: the `complete` chunk's content. */
export interface StreamResult {
  /** The stored assistant message. */
  message: Message;
  /** Its token usage. */
  usage: Usage;
  /** The model that actually answered (resolved from an alias such as `gpt-5`). */
  model: string;
}

/**
 * What an event that is no chunk amounts to: the stream must fail with this. `details` and
 * `message` hold the server's own text, still to be redacted by whoever makes the error.
 */
export class ChunkFault {
  constructor(
    readonly message: string,
    readonly details?: unknown,
    readonly code?: string,
  ) {}
}

const DONE = '[DONE]';

/**
 * What an SSE event that carries no chunk means: `[DONE]` ends the stream (too early, as
 * nothing after `complete` is read), and `event: error` is the server's report of a failure
 * (`{message | error, code}` as in the error envelope, or plain text). `undefined` for an event
 * whose data is a chunk, to decode with {@link chunkFromJson} when its turn comes.
 */
export function sseEventFault(type: string, data: string): ChunkFault | undefined {
  if (type === 'error') return serverError(parseJsonOrText(data));
  if (data === DONE) {
    return new ChunkFault('The stream ended ([DONE]) before its complete chunk');
  }
  return undefined;
}

/** The chunk one event's JSON text holds (the `data` of an SSE event). */
export function chunkFromJson(text: string): MessageStreamChunk | ChunkFault {
  const content = plainContent(text);
  if (content !== undefined) return { type: 'content', content };
  const parsed = parseJson(text);
  return parsed instanceof ChunkFault ? parsed : decodeChunk(parsed);
}

// The delta: 0 to 12 UTF-16 units, none a quote, a backslash or a control character (U+0000 to
// U+001F, invalid in a JSON string): from the space to U+FFFF, less `"` and `\`.
const plainContentEvent = /^\{"type":"content","content":"([ !#-[\]-\uffff]{0,12})"\}$/;

/**
 * A content chunk written exactly as the API writes nearly every event of a stream,
 * `{"type":"content","content":"…"}` with a short text and no escape in it: its delta is what
 * `JSON.parse` would give, without parsing (the parse was most of the cost of a stream).
 * Anything else (another key order, spaces, an escape, a quote, a control character, a longer
 * text) does not match, and goes to `JSON.parse`.
 *
 * Short, because a slice of 13 or more UTF-16 units is, in V8, a view that keeps the whole
 * network read it was cut from alive for as long as the chunk is kept; a shorter one is a copy.
 * Most deltas are a token or two, well under that.
 */
function plainContent(text: string): string | undefined {
  return plainContentEvent.exec(text)?.[1];
}

/**
 * The chunk a line of `MessageStream#toReadableStream()` holds: the chunks as they were
 * yielded, unknown ones already wrapped as `{type: 'unknown', data}`.
 */
export function chunkFromJsonLine(line: string): MessageStreamChunk | ChunkFault {
  const parsed = parseJson(line);
  if (parsed instanceof ChunkFault) return parsed;
  if (!isRecord(parsed) || parsed.type !== 'unknown') return decodeChunk(parsed);
  return isRecord(parsed.data) && typeof parsed.data.type === 'string'
    ? (parsed as unknown as UnknownChunk)
    : malformed(parsed);
}

/** Checks one parsed chunk against the API: a typed chunk, an unknown one, or a fault. */
export function decodeChunk(parsed: unknown): MessageStreamChunk | ChunkFault {
  if (!isRecord(parsed) || typeof parsed.type !== 'string') return malformed(parsed);
  switch (parsed.type) {
    case 'content':
      return typeof parsed.content === 'string'
        ? (parsed as unknown as ContentChunk)
        : malformed(parsed);
    case 'complete':
      return isRecord(parsed.message) && isRecord(parsed.usage)
        ? (parsed as unknown as CompleteChunk)
        : malformed(parsed);
    case 'error':
      return serverError(parsed);
    default:
      return { type: 'unknown', data: parsed as UnknownChunk['data'] };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return new ChunkFault('The stream sent an event that is not JSON', { data: text });
  }
}

function malformed(parsed: unknown): ChunkFault {
  return new ChunkFault('The stream sent a chunk unlike the API', parsed);
}

function serverError(sent: unknown): ChunkFault {
  const body = isRecord(sent) ? sent : {};
  const text = [body.message, body.error, sent].find(
    (candidate): candidate is string => typeof candidate === 'string' && candidate.trim() !== '',
  );
  return new ChunkFault(
    `The server reported an error mid-stream: ${text ?? 'no reason given'}`,
    sent,
    typeof body.code === 'string' ? body.code : undefined,
  );
}
