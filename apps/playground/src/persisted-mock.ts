import { createMockApp } from '@chatroutes/mock';

/**
 * The in-browser mock, kept across reloads. The mock is deterministic (same seed and same
 * requests → same ids and replies), so what is kept is the list of requests that changed
 * something; a reload replays them into a fresh mock. A stream that was stopped is replayed
 * stopped, so the server state is the same as before the reload.
 */
interface JournalEntry {
  method: string;
  url: string;
  headers: [string, string][];
  body: string;
  /** For a stream: whether it ran to its end, or was stopped after its headers. */
  stream?: 'complete' | 'stopped';
}

const JOURNAL_KEY = 'chatroutes-playground:journal:v1';
const STREAM_PATH = /\/messages\/stream$/;

export interface PersistedMock {
  fetch: typeof globalThis.fetch;
  /** Forgets every conversation. */
  clear(): void;
}

export async function persistedMock(storage: Storage = localStorage): Promise<PersistedMock> {
  const mock = createMockApp({ streamDelayMs: 15 });
  const journal = readJournal(storage);
  await replay(mock.fetch, journal);
  const save = () => storage.setItem(JOURNAL_KEY, JSON.stringify(journal));

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.method === 'GET') return mock.fetch(request);
    const entry: JournalEntry = {
      method: request.method,
      url: request.url,
      headers: [...request.headers],
      body: await request.clone().text(),
    };
    const response = await mock.fetch(request);
    if (!response.ok) return response;
    journal.push(entry);
    if (!STREAM_PATH.test(new URL(request.url).pathname) || !response.body) {
      save();
      return response;
    }
    // Kept as stopped until the `complete` event went through (the mock writes one event
    // per chunk, so an event is never split here).
    entry.stream = 'stopped';
    save();
    const decoder = new TextDecoder();
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          if (entry.stream === 'stopped' && decoder.decode(chunk).includes('"type":"complete"')) {
            entry.stream = 'complete';
            save();
          }
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(body, response);
  };

  return {
    fetch,
    clear() {
      storage.removeItem(JOURNAL_KEY);
    },
  };
}

function readJournal(storage: Storage): JournalEntry[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(JOURNAL_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as JournalEntry[]) : [];
  } catch {
    // A journal that cannot be read is dropped: the playground starts empty.
    return [];
  }
}

async function replay(fetch: typeof globalThis.fetch, journal: JournalEntry[]): Promise<void> {
  for (const entry of journal) {
    const stop = new AbortController();
    const response = await fetch(
      new Request(entry.url, {
        method: entry.method,
        headers: entry.headers,
        ...(entry.body && { body: entry.body }),
        signal: stop.signal,
      }),
    );
    if (entry.stream === 'stopped') stop.abort();
    else await response.arrayBuffer();
  }
}
