import { createMockApp, seedTwoExchanges } from '@chatroutes/mock';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ChatRoutes, ChatRoutesError } from 'chatroutes';
import type { ConversationSnapshot, ConversationStore, PathEntry } from 'chatroutes/store';
import { memo, Profiler, StrictMode, useState, version } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  useConversation,
  useConversationSnapshot,
  useConversations,
  usePathEntry,
} from '../src/index.js';

const mocks: Array<{ close(): void }> = [];
afterEach(() => {
  cleanup();
  for (const mock of mocks.splice(0)) mock.close();
});

async function conversationWithTwoExchanges(streamDelayMs = 0) {
  const mock = createMockApp({ streamDelayMs });
  mocks.push(mock);
  // happy-dom is a browser to the SDK; the key only reaches the in-process mock.
  const client = new ChatRoutes({
    apiKey: 'test-key',
    fetch: mock.fetch,
    retryAttempts: 0,
    dangerouslyAllowBrowser: true,
  });
  const id = await seedTwoExchanges(mock);
  return { client, id };
}

/** Renders per message key, counted by a Profiler inside each (memoised) message. */
const renders = new Map<string, number>();
const countRender = (id: string) => renders.set(id, (renders.get(id) ?? 0) + 1);

const Message = memo(function Message({
  entry,
  onPrevious,
  onNext,
}: {
  entry: PathEntry;
  onPrevious: (key: string) => void;
  onNext: (key: string) => void;
}) {
  const who = entry.message.role === 'user' ? 'You' : 'Assistant';
  return (
    <Profiler id={entry.key} onRender={countRender}>
      <article aria-label={`${who}: ${entry.message.content}`} data-status={entry.status}>
        <p>{entry.message.content}</p>
        {entry.alternatives && (
          <nav>
            <button type="button" onClick={() => onPrevious(entry.key)}>
              Previous version
            </button>
            <span>
              {entry.alternatives.index + 1} / {entry.alternatives.count}
            </span>
            <button type="button" onClick={() => onNext(entry.key)}>
              Next version
            </button>
          </nav>
        )}
      </article>
    </Profiler>
  );
});

function Chat({ client, id }: { client: ChatRoutes; id: string }) {
  const chat = useConversation(client, id, { throttle: 0 });
  const [draft, setDraft] = useState('');
  return (
    <main>
      <p data-testid="status">{chat.status}</p>
      <p data-testid="conversation">{chat.conversationId}</p>
      {chat.error && <p role="alert">{chat.error.message}</p>}
      <section role="log" aria-label="Conversation">
        {chat.path.map((entry) => (
          <Message
            key={entry.key}
            entry={entry}
            onPrevious={chat.showPrevious}
            onNext={chat.showNext}
          />
        ))}
      </section>
      <input aria-label="Message" value={draft} onChange={(e) => setDraft(e.target.value)} />
      {chat.streaming ? (
        <button type="button" onClick={chat.stop}>
          Stop
        </button>
      ) : (
        <button type="button" onClick={() => chat.send(draft)}>
          Send
        </button>
      )}
      <button
        type="button"
        onClick={() => {
          const first = chat.path[0];
          if (first) void chat.edit(first.message.id, draft);
        }}
      >
        Edit first
      </button>
    </main>
  );
}

function Probe({
  client,
  id,
  onError,
}: {
  client: ChatRoutes;
  id: string;
  onError: (error: unknown) => void;
}) {
  const chat = useConversation(client, id);
  onError(chat.error);
  return (
    <button type="button" onClick={() => chat.send('  ')}>
      Send
    </button>
  );
}

const Entry = memo(function Entry({
  store,
  entryKey,
  counts,
}: {
  store: ConversationStore | undefined;
  entryKey: string;
  counts: Map<string, number>;
}) {
  const entry = usePathEntry(store, entryKey);
  counts.set(entryKey, (counts.get(entryKey) ?? 0) + 1);
  return <p>{entry?.message.content}</p>;
});

function Keys({
  client,
  id,
  counts,
  onStore,
}: {
  client: ChatRoutes;
  id: string;
  counts: Map<string, number>;
  onStore: (store: ConversationStore | undefined) => void;
}) {
  const chat = useConversation(client, id, { throttle: 0 });
  onStore(chat.store);
  const keys = useConversationSnapshot(chat.store, pathOf).map((e) => e.key);
  return (
    <>
      {keys.map((key) => (
        <Entry key={key} store={chat.store} entryKey={key} counts={counts} />
      ))}
      <button type="button" onClick={() => chat.send('Tell me more')}>
        Send
      </button>
    </>
  );
}

const pathOf = (snapshot: ConversationSnapshot) => snapshot.path;

const messages = () =>
  within(screen.getByRole('log', { name: 'Conversation' })).queryAllByRole('article');

/** A chat whose model the user picks; records every store the hook handed out. */
function ModelPicker({
  client,
  id,
  stores,
}: {
  client: ChatRoutes;
  id: string;
  stores: Set<unknown>;
}) {
  const [model, setModel] = useState<'gpt-5' | 'claude-sonnet-4-5'>('gpt-5');
  const chat = useConversation(client, id, { throttle: 0, model });
  if (chat.store) stores.add(chat.store);
  return (
    <main>
      <p data-testid="length">{chat.path.length}</p>
      <p data-testid="streaming">{String(chat.streaming)}</p>
      <p data-testid="last-model">{chat.path.at(-1)?.message.metadata?.model ?? ''}</p>
      <button type="button" onClick={() => setModel('claude-sonnet-4-5')}>
        Use Claude
      </button>
      <button type="button" onClick={() => chat.send('Where should we eat?')}>
        Send
      </button>
    </main>
  );
}

describe(`useConversation on React ${version}`, () => {
  it('opens the conversation and renders its path', async () => {
    const { client, id } = await conversationWithTwoExchanges();
    render(<Chat client={client} id={id} />);
    expect(screen.getByTestId('status').textContent).toBe('loading');
    // Before the store exists, the snapshot already names the conversation.
    expect(screen.getByTestId('conversation').textContent).toBe(id);
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('ready'));
    const articles = messages();
    expect(articles).toHaveLength(4);
    expect(articles[0]?.getAttribute('aria-label')).toBe('You: Plan a weekend in Lisbon');
    expect(articles[1]?.getAttribute('aria-label')).toMatch(/^Assistant: /);
  });

  it('while a reply streams, only the streaming message re-renders', async () => {
    const { client, id } = await conversationWithTwoExchanges(3);
    render(<Chat client={client} id={id} />);
    await waitFor(() => expect(messages()).toHaveLength(4));
    const before = messages().map((article) => article.getAttribute('aria-label'));
    renders.clear();

    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), {
      target: { value: 'Where should we eat tonight near the river?' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy());
    // A loaded machine can take seconds to stream the reply.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy(), {
      timeout: 10_000,
    });

    const after = messages();
    expect(after).toHaveLength(6);
    expect(after.slice(0, 4).map((a) => a.getAttribute('aria-label'))).toEqual(before);
    const keys = [...renders.keys()];
    // Only the two new messages rendered: none of the four that were already there.
    expect(keys).toHaveLength(2);
    const [userKey, replyKey] = keys as [string, string];
    const words = (after[5]?.textContent ?? '').split(' ').length;
    // The user message: shown at once, then once more when stored. The reply: once per chunk
    // (throttle 0 here), then once more when stored.
    expect(renders.get(userKey)).toBe(2);
    expect(renders.get(replyKey)).toBeGreaterThanOrEqual(words);
    expect(after[5]?.getAttribute('data-status')).toBe('stored');
  });

  it('edits the first message into a second version and switches between them', async () => {
    const { client, id } = await conversationWithTwoExchanges();
    render(<Chat client={client} id={id} />);
    await waitFor(() => expect(messages()).toHaveLength(4));
    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), {
      target: { value: 'Plan a weekend in Porto' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Edit first' }));
    await waitFor(() => expect(screen.getByText('2 / 2')).toBeTruthy(), { timeout: 10_000 });
    expect(messages()[0]?.getAttribute('aria-label')).toBe('You: Plan a weekend in Porto');

    fireEvent.click(screen.getByRole('button', { name: 'Previous version' }));
    await waitFor(() => expect(screen.getByText('1 / 2')).toBeTruthy());
    expect(messages()).toHaveLength(4);
    expect(messages()[0]?.getAttribute('aria-label')).toBe('You: Plan a weekend in Lisbon');
    fireEvent.click(screen.getByRole('button', { name: 'Next version' }));
    await waitFor(() => expect(screen.getByText('2 / 2')).toBeTruthy());
  });

  it('shows a typed error and keeps the path when a send is refused', async () => {
    const { client, id } = await conversationWithTwoExchanges();
    let seen: unknown;
    render(
      <Probe
        client={client}
        id={id}
        onError={(error) => {
          seen = error;
        }}
      />,
    );
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(seen).toBeInstanceOf(ChatRoutesError));
  });

  it('works under Strict Mode, whose double effects get a store each', async () => {
    const { client, id } = await conversationWithTwoExchanges();
    render(
      <StrictMode>
        <Chat client={client} id={id} />
      </StrictMode>,
    );
    await waitFor(() => expect(messages()).toHaveLength(4));
    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), {
      target: { value: 'One more' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(messages()).toHaveLength(6), { timeout: 10_000 });
    expect(await client.messages.list(id)).toHaveLength(6);
  });

  it('usePathEntry re-renders a component only when its own entry changes', async () => {
    const { client, id } = await conversationWithTwoExchanges(2);
    const counts = new Map<string, number>();
    let store: ConversationStore | undefined;
    render(
      <Keys
        client={client}
        id={id}
        counts={counts}
        onStore={(value) => {
          store = value;
        }}
      />,
    );
    await waitFor(() => expect(counts.size).toBe(4));
    const firstKey = [...counts.keys()][0] as string;
    const rendersBefore = counts.get(firstKey) ?? 0;
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(counts.size).toBe(6));
    await waitFor(() => expect(store?.getSnapshot().streaming).toBe(false), { timeout: 10_000 });
    // The reply's Entry re-rendered on every chunk; the first message's not once.
    const replyKey = [...counts.keys()][5] as string;
    expect(counts.get(replyKey) ?? 0).toBeGreaterThan(3);
    expect(counts.get(firstKey)).toBe(rendersBefore);
  });
  it('changing the model keeps the store and the reply streaming; the next send uses it', async () => {
    const { client, id } = await conversationWithTwoExchanges(5);
    const stores = new Set<unknown>();
    render(<ModelPicker client={client} id={id} stores={stores} />);
    await waitFor(() => expect(screen.getByTestId('length').textContent).toBe('4'));
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(screen.getByTestId('streaming').textContent).toBe('true'));
    fireEvent.click(screen.getByRole('button', { name: 'Use Claude' }));
    await waitFor(() => expect(screen.getByTestId('streaming').textContent).toBe('false'), {
      timeout: 10_000,
    });
    expect(screen.getByTestId('length').textContent).toBe('6');
    expect(await client.messages.list(id)).toHaveLength(6);
    expect(screen.getByTestId('last-model').textContent).toMatch(/^gpt-5/);
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(screen.getByTestId('length').textContent).toBe('8'), {
      timeout: 10_000,
    });
    // The model is known once the reply is stored, after its last chunk: as long a wait as above.
    await waitFor(() => expect(screen.getByTestId('last-model').textContent).toMatch(/^claude/), {
      timeout: 10_000,
    });
    expect(stores.size).toBe(1);
  });
});

function Sidebar({ client }: { client: ChatRoutes }) {
  const list = useConversations(client, { limit: 10 });
  return (
    <nav>
      <p data-testid="list-status">{list.status}</p>
      <ul aria-label="Conversations">
        {list.conversations.map((c) => (
          <li key={c.id}>{c.title}</li>
        ))}
      </ul>
      <button type="button" onClick={() => void list.create({ title: 'New chat' })}>
        New conversation
      </button>
    </nav>
  );
}

describe(`useConversations on React ${version}`, () => {
  it('lists under Strict Mode without creating anything, and creates one per click', async () => {
    const { client } = await conversationWithTwoExchanges();
    render(
      <StrictMode>
        <Sidebar client={client} />
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByTestId('list-status').textContent).toBe('ready'));
    const list = screen.getByRole('list', { name: 'Conversations' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Trip']);
    fireEvent.click(screen.getByRole('button', { name: 'New conversation' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect((await client.conversations.list()).data).toHaveLength(2);
  });
});
