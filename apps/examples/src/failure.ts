import {
  AuthenticationError,
  ChatRoutesError,
  NetworkError,
  PermissionDeniedError,
  TimeoutError,
} from 'chatroutes';
import { BackendChoiceError } from './backend.js';

/** What a system error code means to someone running the demo. */
const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'nothing is listening there (connection refused)',
  ENOTFOUND: 'its host name does not resolve',
  EAI_AGAIN: 'its host name could not be looked up (no network?)',
  ECONNRESET: 'the connection was reset',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the host is unreachable',
  ETIMEDOUT: 'the connection timed out',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
};

/** An error and its causes, outermost first (undici nests the system error twice). */
function causeChain(error: unknown): { code?: unknown; message?: unknown }[] {
  const chain = [];
  for (let current = error; current && chain.length < 5; ) {
    chain.push(current as { code?: unknown; message?: unknown });
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

/** Why a request got no response: a known system error in words, else the innermost message. */
function networkReason(error: NetworkError): string {
  const chain = causeChain(error).slice(1);
  for (const { code } of chain) {
    const known = typeof code === 'string' ? NETWORK_CAUSES[code] : undefined;
    if (known) return known;
  }
  const innermost = chain.at(-1);
  return `no response (${typeof innermost?.message === 'string' ? innermost.message : error.message})`;
}

/**
 * One sentence saying what went wrong and what to change, for a failure the reader can fix:
 * the backend could not be reached, refused the key, or the set-up was contradictory.
 * Anything else (a bug) is left to surface with its stack.
 */
export function explainFailure(error: unknown, url: string | undefined): string | undefined {
  const where = url ?? 'the server';
  if (error instanceof BackendChoiceError) return error.message;
  if (error instanceof TimeoutError) {
    return `${where} did not answer in time: check CHATROUTES_BASE_URL and your network.`;
  }
  if (error instanceof NetworkError) {
    return `Could not reach ${where}: ${networkReason(error)}. Check CHATROUTES_BASE_URL and your network, or unset CHATROUTES_API_KEY and CHATROUTES_BASE_URL to use the offline mock.`;
  }
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return `${where} refused the API key (${error.status}): check CHATROUTES_API_KEY.`;
  }
  if (error instanceof ChatRoutesError) {
    const status = error.status === undefined ? '' : ` (${error.status})`;
    const request = error.requestId ? `, request id ${error.requestId}` : '';
    return `${where} answered with an error${status}${request}: ${error.message}`;
  }
  return undefined;
}
