import type { createMockApp } from '../../src/index.js';

/**
 * What a portable runtime must be able to do with the in-process mock: create, send,
 * stream, list with coerced query values, and refuse bad input with the spec's wording.
 * Runs unchanged in Node (with code generation disallowed) and bundled in Chromium, so it
 * imports nothing itself: the caller hands it the root entry's `createMockApp`.
 */
export async function playScenario(create: typeof createMockApp) {
  const mock = create({ streamDelayMs: 0 });
  const base = 'https://api.chatroutes.com/api/v1';
  const headers = { authorization: 'ApiKey portable', 'content-type': 'application/json' };
  const call = async (path: string, body?: unknown) => {
    const response = await mock.fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, text: await response.text() };
  };
  try {
    const created = await call('/conversations', { title: 'Portable' });
    const id: string = JSON.parse(created.text).data.conversation.id;
    const sent = await call(`/conversations/${id}/messages`, { content: 'Hello' });
    const streamed = await call(`/conversations/${id}/messages/stream`, { content: 'Again' });
    const listed = await call('/conversations?page=1&limit=1');
    const messages = await call(`/conversations/${id}/messages`);
    const emptyContent = await call(`/conversations/${id}/messages`, { content: '' });
    const badModel = await call('/conversations', { model: 'gpt-4' });
    const badQuery = await call('/conversations?limit=0');
    return {
      created: created.status,
      sent: sent.status,
      streamed: {
        status: streamed.status,
        endsWithDone: streamed.text.endsWith('data: [DONE]\n\n'),
        complete: streamed.text.includes('"type":"complete"'),
      },
      listed: { status: listed.status, limit: JSON.parse(listed.text).limit },
      roles: JSON.parse(messages.text).data.messages.map(
        (message: { role: string }) => message.role,
      ),
      refusals: [emptyContent, badModel, badQuery].map(({ status, text }) => ({
        status,
        message: JSON.parse(text).message,
      })),
    };
  } finally {
    mock.close();
  }
}

export type ScenarioResult = Awaited<ReturnType<typeof playScenario>>;

/** What every runtime must answer: the same as Node with eval allowed. */
export const EXPECTED_SCENARIO_RESULT: ScenarioResult = {
  created: 201,
  sent: 200,
  streamed: { status: 200, endsWithDone: true, complete: true },
  listed: { status: 200, limit: 1 },
  roles: ['user', 'assistant', 'user', 'assistant'],
  refusals: [
    { status: 400, message: 'content must NOT have fewer than 1 characters' },
    { status: 400, message: 'Unsupported model: gpt-4' },
    { status: 400, message: 'limit must be >= 1' },
  ],
};
