import { createMockApp, type MockApp, MockStateError } from '@chatroutes/mock';

/**
 * The in-browser mock, kept across reloads: its state snapshot (`exportState()`) is saved in
 * `localStorage` shortly after each request that can change something, and a reload starts
 * the mock from it (`createMockApp({ state })`).
 */
export interface PersistedMock {
  fetch: typeof globalThis.fetch;
  /** Saves what is pending, stops saving, and closes the mock. */
  close(): void;
}

/** What the user should know about the saved conversations. */
export type StorageNotice =
  /** A saved snapshot was there but could not be used: the playground started empty. */
  | { kind: 'started-fresh' }
  /** The latest changes could not be saved (storage full or refused): they last until a reload. */
  | { kind: 'not-saved'; storageFull: boolean };

/** Told of each change of notice; `undefined` once saving works again. */
export type NoticeListener = (notice: StorageNotice | undefined) => void;

const STATE_KEY = 'chatroutes-playground:mock-state';
/** Changes within this window are saved together: one export for a burst of requests. */
const SAVE_DELAY_MS = 300;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const MOCK_OPTIONS = { streamDelayMs: 15 } as const;

export function persistedMock(onNotice: NoticeListener): PersistedMock {
  const mock = startMock(onNotice);
  const saver = coalescedSaver(mock, onNotice);

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    if (SAFE_METHODS.has(request.method)) return mock.fetch(request);
    const response = await mock.fetch(request);
    saver.save();
    // A stream's exchange is stored when its last event is written, not when its headers
    // arrive: save again once the body is done with (read to its end, or cancelled — a
    // client may stop reading at `[DONE]`).
    if (response.headers.get('content-type')?.startsWith('text/event-stream') && response.body) {
      return new Response(whenDone(response.body, saver.save), response);
    }
    return response;
  };
  return {
    fetch,
    close() {
      saver.stop();
      mock.close();
    },
  };
}

/** The same bytes as `body`; calls `done` once they end, fail or are cancelled. */
function whenDone(body: ReadableStream<Uint8Array>, done: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await reader.read();
        if (!chunk.done) return controller.enqueue(chunk.value);
        controller.close();
      } catch (error) {
        controller.error(error);
      }
      done();
    },
    async cancel(reason) {
      done();
      await reader.cancel(reason);
    },
  });
}

/** A mock holding the saved snapshot, or an empty one when there is none it can use. */
function startMock(onNotice: NoticeListener): MockApp {
  let saved: string | null;
  try {
    saved = localStorage.getItem(STATE_KEY);
  } catch (error) {
    // Storage is disabled for this page: nothing to restore (and saving will say it fails).
    console.info('Playground: saved conversations could not be read; starting fresh.', error);
    return createMockApp(MOCK_OPTIONS);
  }
  if (saved === null) return createMockApp(MOCK_OPTIONS);
  try {
    return createMockApp({ ...MOCK_OPTIONS, state: saved });
  } catch (error) {
    if (!(error instanceof MockStateError)) throw error;
    // Not a fault of the page but a damaged or outdated snapshot; the first save replaces it.
    console.info(`Playground: the saved conversations were not restored. ${error.message}`);
    onNotice({ kind: 'started-fresh' });
    return createMockApp(MOCK_OPTIONS);
  }
}

/**
 * `save()` writes the mock's snapshot once, SAVE_DELAY_MS after the first call of a burst
 * (the export then holds every change of the burst), and at once when the page goes away,
 * so that a reload inside the window loses nothing.
 */
function coalescedSaver(mock: MockApp, onNotice: NoticeListener) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let failing = false;
  const write = () => {
    clearTimeout(timer);
    timer = undefined;
    try {
      localStorage.setItem(STATE_KEY, JSON.stringify(mock.exportState()));
    } catch (error) {
      // The mock keeps working in memory; the user is told that a reload would lose changes.
      if (!failing) console.warn('Playground: the conversations could not be saved.', error);
      failing = true;
      onNotice({ kind: 'not-saved', storageFull: isQuotaError(error) });
      return;
    }
    if (failing) onNotice(undefined);
    failing = false;
  };
  const flush = () => {
    if (timer !== undefined) write();
  };
  addEventListener('pagehide', flush);
  return {
    save() {
      if (!stopped) timer ??= setTimeout(write, SAVE_DELAY_MS);
    },
    stop() {
      flush();
      stopped = true;
      removeEventListener('pagehide', flush);
    },
  };
}

function isQuotaError(error: unknown): boolean {
  // Firefox called it NS_ERROR_DOM_QUOTA_REACHED before it took the standard name.
  return (
    error instanceof DOMException &&
    (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED')
  );
}
