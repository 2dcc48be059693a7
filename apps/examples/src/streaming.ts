// Streaming: show a reply as it is written, in both styles the SDK supports.
import { ChatRoutes } from 'chatroutes';

const client = new ChatRoutes();
const conversation = await client.conversations.create({ title: 'Streaming demo' });

// 1. The iterator style: `for await` over the text as it arrives.
const stream = client.messages.stream(conversation.id, { content: 'Tell me a short story.' });
process.stdout.write('Assistant: ');
for await (const text of stream.textStream) process.stdout.write(text);
const { message, usage } = await stream.finalMessage();
console.log(`\n(${usage.completionTokens} tokens, message ${message.id})`);

// 2. The callback style of the Python SDK: on_chunk / on_complete.
let chunks = 0;
await client.messages.stream(
  conversation.id,
  { content: 'And another one, please.' },
  {
    onChunk: (chunk) => {
      if (chunk.type === 'content') chunks += 1;
    },
    onComplete: (reply) => console.log(`Complete after ${chunks} chunks: ${reply.content}`),
  },
);
