// Quickstart: create a conversation, send a message, read the reply and its usage.
// Run against the offline mock with `pnpm example quickstart`,
// or against the service with CHATROUTES_API_KEY set.
import { ChatRoutes } from 'chatroutes';

// The key comes from CHATROUTES_API_KEY, the URL from CHATROUTES_BASE_URL (or the service's).
const client = new ChatRoutes();

const conversation = await client.conversations.create({
  title: 'My first conversation',
  model: 'gpt-5',
});
console.log(`Created conversation ${conversation.id}: ${conversation.title}`);

const reply = await client.messages.send(conversation.id, {
  content: 'What is quantum computing?',
  model: 'gpt-5',
});
console.log(`Assistant (${reply.model}): ${reply.message.content}`);
console.log(`Tokens used: ${reply.usage.totalTokens}`);

const messages = await client.messages.list(conversation.id);
console.log(`The conversation holds ${messages.length} messages.`);
