// `@chatroutes/mock/vitest`: each test gets its own mock and a client on it.
import { describe, expect, expectTypeOf } from 'vitest';
import { createMockApp, type MockApp } from '../src/index.js';
import { chatroutesTest } from '../src/vitest.js';

/** A stand-in for an SDK client: what the fixture hands `makeClient` is the mock's fetch. */
class RecordingClient {
  constructor(readonly fetch: typeof globalThis.fetch) {}
  async createConversation(title: string): Promise<string> {
    const response = await this.fetch('https://api.chatroutes.com/api/v1/conversations', {
      method: 'POST',
      headers: { authorization: 'ApiKey test-key', 'content-type': 'application/json' },
      body: JSON.stringify({ title }),
    });
    return ((await response.json()) as { data: { conversation: { id: string } } }).data.conversation
      .id;
  }
}

const test = chatroutesTest((fetch) => new RecordingClient(fetch), { seed: 7 });
const mocksSeen: MockApp[] = [];

describe('chatroutesTest', () => {
  test('gives a client on the mock of this test', async ({ client, mock }) => {
    expectTypeOf(client).toEqualTypeOf<RecordingClient>();
    mocksSeen.push(mock);
    const id = await client.createConversation('First test');
    expect(mock.exportState().conversations.map((c) => c.id)).toEqual([id]);
  });

  test('gives the next test a fresh mock, with the options given', async ({ client, mock }) => {
    mocksSeen.push(mock);
    expect(mocksSeen[0]).not.toBe(mock);
    expect(mock.exportState().conversations).toEqual([]);
    // The options reached this mock: seed 7 draws the ids a mock of seed 7 draws.
    const reference = createMockApp({ seed: 7 });
    const expected = await new RecordingClient(reference.fetch).createConversation('Reference');
    reference.close();
    expect(await client.createConversation('Second test')).toBe(expected);
  });

  test('closes the mock when the test ends', async ({ mock }) => {
    // The first test's mock was closed: a request it would hold forever (a stall) ends at
    // once. On a mock still open, this test would time out.
    const closed = mocksSeen[0] as MockApp;
    expect(closed).not.toBe(mock);
    const stalled = await closed.fetch('http://mock.test/api/v1/conversations', {
      headers: { authorization: 'ApiKey k', 'x-mock-fault': 'stall' },
    });
    expect(await stalled.json()).toMatchObject({ message: expect.stringMatching(/abandoned/) });
  });
});
