/**
 * A fake `fetch` that plays a script: each call takes the next step. A step is a response
 * to return, an error to throw, or `'hang'` (never answer, but honour the abort signal, as a
 * real fetch does). Every call is recorded for assertions.
 */
export type Step = Response | Error | 'hang' | (() => Response);

export interface RecordedCall {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
  signal: AbortSignal | undefined;
  /** `Date.now()` when the call was made (fake time in tests that use it). */
  at: number;
}

export function scriptedFetch(steps: Step[]) {
  const calls: RecordedCall[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const body =
      init.body === undefined || init.body === null || typeof init.body === 'string'
        ? (init.body ?? undefined)
        : new TextDecoder().decode(init.body as ArrayBuffer);
    calls.push({
      url: String(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body,
      signal: init.signal ?? undefined,
      at: Date.now(),
    });
    const step = steps[calls.length - 1];
    if (step === undefined) throw new Error(`scriptedFetch: no step for call ${calls.length}`);
    if (step === 'hang') {
      return new Promise((_, reject) => {
        const signal = init.signal;
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    if (step instanceof Error) throw step;
    return typeof step === 'function' ? step() : step;
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
