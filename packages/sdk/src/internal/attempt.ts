import { AbortError, ChatRoutesError, NetworkError, TimeoutError } from '../core/errors.js';

/**
 * One try of a request: its own timeout, combined with the caller's signal. A fresh one per
 * try, so a slow first try never eats into the time of the next (the old client shared one
 * timeout across all retries).
 */
export interface Attempt {
  /** Aborts when the caller aborts or the timeout elapses. */
  readonly signal: AbortSignal;
  /**
   * The response headers arrived: the timeout no longer applies, but the caller's signal still
   * cancels the body (a stream, which then has its own idle timeout).
   */
  headersReceived(): void;
  /** The attempt is over: release the timer and the listener on the caller's signal. */
  end(): void;
  /**
   * What a failure of this attempt means: the caller's abort, our timeout, or the network.
   * `answered` is the response whose body was being read when it failed: the server did
   * answer then, and a body that arrived but cannot be decoded is the server's fault, not
   * a network failure worth a retry.
   */
  classify(error: unknown, answered?: Response): ChatRoutesError;
}

export function startAttempt(caller: AbortSignal | undefined, timeout: number): Attempt {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`Timed out after ${timeout} ms`, 'TimeoutError'));
  }, timeout);
  const forwardAbort = () => controller.abort(caller?.reason);
  caller?.addEventListener('abort', forwardAbort, { once: true });
  return {
    signal: controller.signal,
    headersReceived: () => clearTimeout(timer),
    end() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', forwardAbort);
    },
    classify(error, answered) {
      if (caller?.aborted) return abortError(caller);
      const status = answered?.status;
      if (timedOut) {
        const what = answered ? `The body of the ${status} answer` : 'Request';
        return new TimeoutError(`${what} timed out after ${timeout} ms`, { status, cause: error });
      }
      const detail = describeFailure(error);
      if (!answered) {
        return new NetworkError(`Network error, no response from the server${detail}`, {
          cause: error,
        });
      }
      if (isDecodingFailure(error)) {
        const encoding = answered.headers.get('content-encoding') ?? 'none';
        return new ChatRoutesError(
          `The server answered ${status}, but its body could not be decoded (content-encoding: ${encoding})${detail}`,
          { status, code: 'undecodable_body', cause: error },
        );
      }
      return new NetworkError(
        `The server answered ${status}, but the connection failed while its body was read${detail}`,
        { status, cause: error },
      );
    },
  };
}

export function abortError(signal: AbortSignal): AbortError {
  return new AbortError('Request aborted by the caller', { cause: signal.reason });
}

/** `: message (cause's message)`, as far as the failure says anything. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error) || !error.message) return '';
  const cause =
    error.cause instanceof Error && error.cause.message ? ` (${error.cause.message})` : '';
  return `: ${error.message}${cause}`;
}

/**
 * Whether reading a body failed in its decompression rather than on the connection: Node's
 * zlib errors carry a `Z_…` code in the cause chain, its brotli errors `ERR__ERROR_…`.
 */
function isDecodingFailure(error: unknown): boolean {
  let current = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(?:Z_|ERR__ERROR_)/.test(code)) {
      return true;
    }
    current = current.cause;
  }
  return false;
}
