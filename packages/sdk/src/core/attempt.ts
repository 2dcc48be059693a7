import { AbortError, type ChatRoutesError, NetworkError, TimeoutError } from './errors.js';

/**
 * One try of a request: its own timeout, combined with the caller's signal. A fresh one per
 * try, so a slow first try never eats into the time of the next (the old client shared one
 * timeout across all retries).
 */
export class Attempt {
  readonly #controller = new AbortController();
  readonly #caller: AbortSignal | undefined;
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #timeout: number;
  #timedOut = false;

  constructor(caller: AbortSignal | undefined, timeout: number) {
    this.#caller = caller;
    this.#timeout = timeout;
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      this.#controller.abort(new DOMException(`Timed out after ${timeout} ms`, 'TimeoutError'));
    }, timeout);
    caller?.addEventListener('abort', this.#forwardAbort, { once: true });
  }

  /** Aborts when the caller aborts or the timeout elapses. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /**
   * The response headers arrived: the timeout no longer applies, but the caller's signal still
   * cancels the body (a stream, which then has its own idle timeout).
   */
  headersReceived(): void {
    clearTimeout(this.#timer);
  }

  /** The attempt is over: release the timer and the listener on the caller's signal. */
  end(): void {
    clearTimeout(this.#timer);
    this.#caller?.removeEventListener('abort', this.#forwardAbort);
  }

  /** What a failure of this attempt means: the caller's abort, our timeout, or the network. */
  classify(error: unknown): ChatRoutesError {
    if (this.#caller?.aborted) return abortError(this.#caller);
    if (this.#timedOut) {
      return new TimeoutError(`Request timed out after ${this.#timeout} ms`, { cause: error });
    }
    const detail = error instanceof Error && error.message ? `: ${error.message}` : '';
    return new NetworkError(`Network error, no response from the server${detail}`, {
      cause: error,
    });
  }

  readonly #forwardAbort = () => this.#controller.abort(this.#caller?.reason);
}

export function abortError(signal: AbortSignal): AbortError {
  return new AbortError('Request aborted by the caller', { cause: signal.reason });
}
