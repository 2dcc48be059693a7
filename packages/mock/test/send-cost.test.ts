// A send costs what its context window reads, not the whole history: a test suite that
// sends into long conversations keeps its pace.
import { describe, expect, it } from 'vitest';
import { createMockApp } from '../src/index.js';

const HEADERS = { authorization: 'ApiKey k', 'content-type': 'application/json' };

/** This process's CPU time in ms: a loaded machine slows the clock, not this. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** A conversation grown to `length` messages, and a way to time sends into it. */
async function conversationOf(length: number) {
  const mock = createMockApp({ streamDelayMs: 0 });
  const send = async (path: string, content: string) => {
    const response = await mock.fetch(`http://mock.test/api/v1${path}`, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify({ content }),
    });
    return response.json();
  };
  const { data } = await send('/conversations', '');
  const path = `/conversations/${data.conversation.id}/messages`;
  for (let written = 0; written < length; written += 2) await send(path, `Question ${written}`);
  /** The fastest of three rounds of 20 sends, in CPU ms per send. */
  const timeSends = async () => {
    let fastest = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round++) {
      const started = cpuMs();
      for (let i = 0; i < 20; i++) await send(path, `Measured ${round}.${i}`);
      fastest = Math.min(fastest, (cpuMs() - started) / 20);
    }
    return fastest;
  };
  return { timeSends, close: () => mock.close() };
}

describe('a send into a long conversation', { timeout: 120_000 }, () => {
  // Compared with one a tenth as long in the same run: work proportional to the history
  // takes about 10 times as long; work proportional to the context window, about the same.
  it('costs about what a send into a short one costs', async () => {
    const short = await conversationOf(400);
    const long = await conversationOf(4_000);
    const ratio = (await long.timeSends()) / (await short.timeSends());
    short.close();
    long.close();
    expect(ratio).toBeLessThan(3);
  });
});
