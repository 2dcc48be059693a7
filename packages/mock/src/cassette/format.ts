import type { JsonValue } from '../snapshot/format.js';

/** Tells a cassette from any other JSON. */
export const CASSETTE_FORMAT = 'chatroutes-cassette';
/** The cassette version this release writes and reads. */
export const CASSETTE_VERSION = 1;

/**
 * Recorded ChatRoutes traffic, as plain JSON: what `recordTraffic` writes and `replayTraffic`
 * answers from. Ids are rewritten (the first conversation the recording saw is
 * `conv_rec0001` on every recording of the same scenario), and no key, `Authorization`
 * header or cookie is ever written.
 */
export interface Cassette {
  /** Always `'chatroutes-cassette'`. */
  format: typeof CASSETTE_FORMAT;
  /** The format version: 1. */
  version: typeof CASSETTE_VERSION;
  /** The exchanges, in the order their requests were sent. */
  interactions: Interaction[];
}

/** One request and the answer it got. */
export interface Interaction {
  /** The spec's operation id (`sendMessage`), or `unknown` for a path the spec does not have. */
  operation: string;
  /** What was asked. */
  request: {
    /** The HTTP method, upper case. */
    method: string;
    /** The path under the base URL, e.g. `/conversations/conv_rec0001/messages`. */
    path: string;
    /** The query string, `''` or starting with `?`. */
    query: string;
    /** The JSON body; `null` for none. */
    body: JsonValue;
  };
  /** What came back. */
  response: {
    /** The HTTP status. */
    status: number;
    /** The `content-type`, the one header kept. */
    contentType: string | null;
    /** The JSON body, or the text of any other (an HTML error page); `null` for a stream. */
    body: JsonValue;
    /** A stream's events: each `data:` payload, as JSON where it is JSON (`[DONE]` stays text). */
    events?: JsonValue[];
  };
}

/** A file or value that is not a cassette this release can read. */
export class CassetteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CassetteError';
  }
}

/** Reads a cassette from its JSON text or object; throws CassetteError when it is none. */
export function readCassette(input: Cassette | string): Cassette {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new CassetteError(`Not a cassette: not JSON (${(error as Error).message})`);
    }
  }
  const cassette = value as Partial<Cassette> | null;
  if (cassette?.format !== CASSETTE_FORMAT) {
    throw new CassetteError(`Not a cassette: "format" is not "${CASSETTE_FORMAT}"`);
  }
  if (cassette.version !== CASSETTE_VERSION) {
    throw new CassetteError(
      `A cassette of version ${String(cassette.version)}; this release reads version ${CASSETTE_VERSION}`,
    );
  }
  if (!Array.isArray(cassette.interactions)) {
    throw new CassetteError('Not a cassette: "interactions" is not a list');
  }
  return cassette as Cassette;
}
