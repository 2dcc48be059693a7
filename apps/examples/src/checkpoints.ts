// Checkpoints: summarise a long history so later replies stay cheap, and see it used.
import { ChatRoutes, contextInfo } from 'chatroutes';

const client = new ChatRoutes();
const conversation = await client.conversations.create({ title: 'Long research chat' });

for (const question of [
  'What causes the seasons on Earth?',
  'Why is the southern summer warmer?',
  'How does the axial tilt change over time?',
]) {
  await client.messages.send(conversation.id, { content: question });
}

// Anchor a checkpoint at the last message of the main branch.
const checkpoint = await client.checkpoints.createAtLatest(conversation.id);
console.log(`Checkpoint ${checkpoint.id}: ${checkpoint.token_count} tokens`);
console.log(`Summary: ${checkpoint.summary}`);

// The next reply reads the summary plus the messages after it, and says so.
const reply = await client.messages.send(conversation.id, { content: 'Summarise what we found.' });
const context = contextInfo(reply.message);
console.log(
  `Checkpoint used: ${context.checkpointUsed}, context messages: ${context.contextMessageCount}, prompt tokens: ${context.promptTokens}`,
);

// After more messages, recreate it to cover them too.
const recreated = await client.checkpoints.recreate(checkpoint.id);
console.log(`Recreated ${recreated.id}: now anchored at ${recreated.anchor_message_id}`);

const all = await client.checkpoints.list(conversation.id);
console.log(`${all.length} checkpoint(s) on this conversation.`);
