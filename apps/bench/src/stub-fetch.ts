/**
 * The transport every client is measured on: answers at once, in memory, with the same
 * bytes (a conversation in the ChatRoutes envelope), so what differs between contenders is
 * only the client's own work per request.
 */
const conversationBody = JSON.stringify({
  success: true,
  data: {
    conversation: {
      id: 'conv_0123456789abcdef',
      userId: 'usr_0123456789ab',
      title: 'Benchmark',
      model: 'gpt-5',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      messageCount: 0,
      branchCount: 1,
    },
  },
});

export const CONVERSATION_ID = 'conv_0123456789abcdef';

export async function stubFetch(_input: unknown, _init?: unknown): Promise<Response> {
  return new Response(conversationBody, {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}
