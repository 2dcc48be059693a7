import { ApiFailure } from '../domain/errors.js';
import { errorBody } from './errors.js';

/** Node's codes for requests its HTTP parser refused before the app saw them, and our answer. */
const REFUSALS: Record<string, { status: number; reason: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    message: 'The request headers are too large',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    message: 'The request did not arrive in time',
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    status: 413,
    reason: 'Content Too Large',
    message: 'The chunk extensions are too large',
  },
};

/**
 * The raw HTTP answer to a request the server refused while parsing it (headers too large,
 * malformed HTTP, too slow): the same JSON error envelope as every other refusal, or
 * `undefined` when there is nobody to answer (the client already hung up).
 */
export function clientErrorAnswer(code: string | undefined): string | undefined {
  if (code === 'ECONNRESET' || code === 'EPIPE') return undefined;
  const refusal = (code !== undefined && REFUSALS[code]) || {
    status: 400,
    reason: 'Bad Request',
    message: 'The request is not valid HTTP',
  };
  const body = JSON.stringify(
    errorBody(new ApiFailure(refusal.status, refusal.reason, refusal.message)),
  );
  return [
    `HTTP/1.1 ${refusal.status} ${refusal.reason}`,
    'Content-Type: application/json',
    `Content-Length: ${new TextEncoder().encode(body).length}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
