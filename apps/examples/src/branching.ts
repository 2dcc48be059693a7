// Branching: fork a conversation at a message, continue there, and look at the tree.
import { ChatRoutes, renderTree } from 'chatroutes';

const client = new ChatRoutes();
const conversation = await client.conversations.create({ title: 'Trip planning' });

const first = await client.messages.send(conversation.id, {
  content: 'Plan three days in Lisbon for me.',
});

// Fork at the assistant's answer: the fork inherits the history up to and including it.
const budget = await client.branches.fork(conversation.id, {
  forkPointMessageId: first.message.id,
  title: 'Budget version',
  contextMode: 'FULL',
});
console.log(`Forked ${budget.title} (${budget.id}) at ${budget.forkPointMessageId}`);

const cheaper = await client.branches.sendMessage(conversation.id, budget.id, {
  content: 'Make it cheaper.',
});
console.log(`On the fork: ${cheaper.message.content}`);

// A branch created from a message, that sees none of the inherited history.
const fresh = await client.branches.create(conversation.id, {
  title: 'Fresh start',
  baseNodeId: first.message.id,
  contextMode: 'MINIMAL',
});
await client.branches.sendMessage(conversation.id, fresh.id, { content: 'What should I pack?' });

const branches = await client.branches.list(conversation.id);
console.log(`${branches.length} branches: ${branches.map((branch) => branch.title).join(', ')}`);

console.log(renderTree(await client.conversations.getTree(conversation.id)));
