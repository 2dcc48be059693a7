import { loadSpec, type PrismServer, startPrism } from '@chatroutes/openapi';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ChatRoutes } from '../../src/client.js';
import { MessageStream, type MessageStreamChunk } from '../../src/streaming/message-stream.js';

// The spec's example stream, served by Prism, parses into the chunks it is written with.

let prism: PrismServer;
beforeAll(async () => {
  prism = await startPrism();
}, 60_000);
afterAll(async () => {
  await prism?.close();
});

const streamPath = '/conversations/{conversationId}/messages/stream';

/** The chunks of the spec's example, read with a plain split (the example uses only LF). */
function exampleChunks(): unknown[] {
  const example: string =
    loadSpec().paths[streamPath].post.responses['200'].content['text/event-stream'].example;
  return example
    .split('\n\n')
    .filter((event) => event.startsWith('data: ') && event !== 'data: [DONE]')
    .map((event) => JSON.parse(event.slice('data: '.length)));
}

it('parses the example stream that Prism serves', async () => {
  const client = new ChatRoutes({ apiKey: 'cr_test_stream', baseUrl: prism.url, retryAttempts: 0 });
  const chunks: MessageStreamChunk[] = [];
  const stream = client.messages.stream('conv_8f3a2c1d5e', { content: 'Plan day 1 in Lisbon' });
  for await (const chunk of stream) chunks.push(chunk);

  const expected = exampleChunks();
  expect(expected.length).toBeGreaterThan(1);
  expect(chunks).toEqual(expected);
  const result = await stream.finalMessage();
  const text = chunks.map((chunk) => (chunk.type === 'content' ? chunk.content : '')).join('');
  expect(result.message.content).toBe(text);
});

it('parses it through a stand-alone MessageStream too (Accept: text/event-stream)', async () => {
  const stream = MessageStream.fromHttp((signal) =>
    fetch(`${prism.url}/conversations/conv_x/messages/stream`, {
      method: 'POST',
      headers: {
        accept: 'text/event-stream',
        'content-type': 'application/json',
        authorization: 'ApiKey cr_test_stream',
      },
      body: JSON.stringify({ content: 'Plan day 1 in Lisbon' }),
      signal,
    }),
  );
  const result = await stream;
  expect(result.usage.totalTokens).toBeGreaterThan(0);
  expect(result.model).toMatch(/\S/);
});
