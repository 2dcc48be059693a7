// The AI SDK on ChatRoutes, as a browser app runs it: a relay holds the key, and the
// "browser" side (a headless AI SDK Chat with ChatRoutesTransport, then streamText with the
// ChatRoutes provider) knows only the relay's URL and its user's session cookie.
import { ChatRoutesTransport, createChatRoutes } from '@chatroutes/ai-sdk';
import { Chat } from '@chatroutes/ai-sdk/chat';
import { streamText, type UIMessage } from 'ai';
import { ChatRoutes } from 'chatroutes';
import { startRelayServer } from './ai-sdk/relay-server.js';

// The server's side: the key and the API's URL, from the environment.
const relay = await startRelayServer({
  baseUrl: process.env.CHATROUTES_BASE_URL ?? 'https://api.chatroutes.com/api/v1',
  apiKey: process.env.CHATROUTES_API_KEY ?? '',
});
console.log(`Relay listening at ${relay.url}`);

/** A browser's client of the relay: no key (Node's client wants one; the relay drops it). */
function browserClient(user: string) {
  let requests = 0;
  const client = new ChatRoutes({
    apiKey: 'no-key-in-the-browser',
    baseUrl: relay.url,
    defaultHeaders: { cookie: `session=${user}` },
    fetch: (input, init) => {
      requests += 1;
      return fetch(input, init);
    },
  });
  return { client, requests: () => requests };
}

const text = (message: UIMessage | undefined) =>
  message?.parts.map((part) => (part.type === 'text' ? part.text : '')).join('') ?? '';
const excerpt = (message: UIMessage | undefined) => `${text(message).slice(0, 60)}…`;

try {
  const ada = browserClient('ada');
  const conversation = await ada.client.conversations.create({ title: 'Weekend plans' });
  console.log(`Created conversation ${conversation.id} through the relay`);

  // useChat's transport, driven by the headless Chat: the chat's id is the conversation's.
  const transport = new ChatRoutesTransport({ client: ada.client });
  const chat = new Chat({ id: conversation.id, transport });
  transport.sync(chat.id, (messages) => {
    chat.messages = messages;
  });

  await chat.sendMessage({ text: 'Plan a weekend in Lisbon' });
  console.log(`Reply ${chat.messages[1]?.id}: ${excerpt(chat.messages[1])}`);

  // An edit makes a new branch; the first question stays as version 1.
  const question = chat.messages[0]?.id ?? '';
  await chat.sendMessage({ text: 'Plan a weekend in Porto', messageId: question });
  const edited = chat.messages[0]?.id ?? '';
  const versions = transport.versions(chat.id, edited);
  console.log(
    `Edited: version ${(versions?.index ?? 0) + 1} of ${versions?.count}: ${text(chat.messages[0])}`,
  );

  const before = ada.requests();
  await transport.showVersion(chat.id, edited, 'previous');
  console.log(
    `Switched back to "${text(chat.messages[0])}" with ${ada.requests() - before} requests`,
  );

  await chat.regenerate();
  const reply = chat.messages[1]?.id ?? '';
  console.log(`Regenerated: ${transport.versions(chat.id, reply)?.count} versions of the reply`);
  const branches = await ada.client.branches.list(chat.id);
  console.log(`${branches.length} branches on the server`);

  // streamText with the ChatRoutes provider, through the same relay, on the branch shown.
  const chatroutes = createChatRoutes({ client: ada.client });
  const branchId = transport.store(chat.id).getSnapshot().activeBranchId;
  const result = streamText({
    model: chatroutes('gpt-5', { conversationId: chat.id, branchId }),
    prompt: 'Where should we eat?',
  });
  let streamed = '';
  for await (const delta of result.textStream) streamed += delta;
  const stored = (await result.providerMetadata)?.chatroutes;
  console.log(
    `streamText stored ${stored?.messageId} on ${stored?.branchId}: ${streamed.slice(0, 40)}…`,
  );

  // Another user of the app cannot see Ada's conversation.
  const bob = browserClient('bob');
  const seen = await bob.client.conversations.get(chat.id).catch((error: Error) => error.name);
  console.log(`Bob reading it: ${typeof seen === 'string' ? seen : 'visible!'}`);
} finally {
  await relay.close();
}
