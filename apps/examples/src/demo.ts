// `pnpm demo`: a tour of the SDK — conversations, streaming, forks, checkpoints, AutoBranch,
// the tree — against the backend the environment names (see `chooseBackend`): the offline
// mock by default. A failure the reader can fix ends in one sentence and exit code 1.
import { ChatRoutes, contextInfo, renderTree } from 'chatroutes';
import { type Backend, chooseBackend } from './backend.js';
import { explainFailure } from './failure.js';

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string) => (text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const bold = paint('1');
const dim = paint('2');
const cyan = paint('36');

let step = 0;
const section = (title: string) => console.log(`\n${bold(`${++step}. ${title}`)}`);
const show = (label: string, value: string | number | boolean | undefined) =>
  console.log(`   ${dim(`${label}:`)} ${value}`);

async function tour(backend: Backend): Promise<void> {
  console.log(bold('ChatRoutes SDK tour'), dim(`— against ${backend.label}`));
  const client = new ChatRoutes({
    apiKey: backend.env.CHATROUTES_API_KEY,
    baseUrl: backend.env.CHATROUTES_BASE_URL,
  });

  section('Create a conversation');
  // The first request is tried once: a wrong URL or key is reported at once rather than after
  // ~8 s of retries. Every later request retries as usual.
  const conversation = await client.conversations.create(
    { title: 'Weekend in Lisbon', model: 'gpt-5' },
    { retryAttempts: 0 },
  );
  show('id', conversation.id);
  show('title', conversation.title);

  section('Send a message');
  const first = await client.messages.send(conversation.id, {
    content: 'Plan a weekend in Lisbon for me.',
  });
  show('reply', first.message.content);
  show('model', first.model);
  show('tokens', `${first.usage.promptTokens} in, ${first.usage.completionTokens} out`);

  section('Stream a reply as it is written');
  const stream = client.messages.stream(conversation.id, {
    content: 'Where should we eat on Saturday night?',
  });
  process.stdout.write(`   ${dim('reply:')} `);
  for await (const text of stream.textStream) process.stdout.write(cyan(text));
  const streamed = await stream.finalMessage();
  console.log();
  show('stored as', `${streamed.message.id} (${streamed.usage.completionTokens} tokens)`);

  section('Fork at the first reply and continue there');
  const fork = await client.branches.fork(conversation.id, {
    forkPointMessageId: first.message.id,
    title: 'Rainy weekend',
    contextMode: 'FULL',
  });
  show('branch', `${fork.title} (${fork.id}), forked at ${fork.forkPointMessageId}`);
  const onFork = await client.branches.sendMessage(conversation.id, fork.id, {
    content: 'What if it rains all weekend?',
  });
  show('reply on the fork', onFork.message.content);
  show('context', `${contextInfo(onFork.message).contextMessageCount} messages inherited and new`);

  section('Send on another branch');
  const budget = await client.branches.create(conversation.id, {
    title: 'Budget weekend',
    baseNodeId: first.message.id,
    contextMode: 'PARTIAL',
  });
  const onBudget = await client.branches.sendMessage(conversation.id, budget.id, {
    content: 'Keep it under 100 euros.',
  });
  show('reply on the branch', onBudget.message.content);

  section('Create a checkpoint of the main branch');
  const checkpoint = await client.checkpoints.createAtLatest(conversation.id);
  show('checkpoint', checkpoint.id);
  show('summary', checkpoint.summary);
  show('token count', checkpoint.token_count);

  section('The next reply reads the checkpoint');
  const after = await client.messages.send(conversation.id, { content: 'Remind me of the plan.' });
  const context = contextInfo(after.message);
  show('checkpoint used', context.checkpointUsed);
  show('context messages', context.contextMessageCount);
  show('prompt tokens', context.promptTokens);

  section('Ask AutoBranch where a text could branch');
  const text = 'Should we take the train to Sintra or rent a car? And also, is Cascais worth it?';
  const { suggestions, metadata } = await client.autobranch.suggestBranches({ text });
  show(
    'detection',
    `${metadata.detectionMethod}, ${metadata.totalBranchPointsFound} branch points`,
  );
  for (const suggestion of suggestions) {
    const { start, end } = suggestion.branchPoint;
    show(
      `${Math.round(suggestion.confidence * 100)}%`,
      `${suggestion.title} — "${text.slice(start, end)}"`,
    );
  }

  section('The branch tree');
  const tree = await client.conversations.getTree(conversation.id);
  console.log(
    renderTree(tree)
      .split('\n')
      .map((line) => `   ${line}`)
      .join('\n'),
  );
  console.log(`\n${bold('Done.')} Run one example with ${cyan('pnpm example <name>')}.`);
}

let backend: Backend | undefined;
try {
  backend = await chooseBackend();
  await tour(backend);
} catch (error) {
  const explained = explainFailure(error, backend?.url);
  if (!explained) throw error;
  console.error(explained);
  process.exitCode = 1;
} finally {
  await backend?.close();
}
