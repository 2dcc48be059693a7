import type { ThreadMessage } from '@assistant-ui/react';
import { createMockApp, seedTwoExchanges } from '@chatroutes/mock';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ChatRoutes, type Message } from 'chatroutes';
import { ConversationListStore, ConversationStore } from 'chatroutes/store';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatRoutesMessageMetadata, ChatRoutesRuntime } from '../src/index.js';
import { Thread } from './thread-ui.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  cleanup();
  for (const done of cleanups.splice(0)) done();
});

async function seeded(streamDelayMs = 0) {
  const mock = createMockApp({ streamDelayMs });
  // happy-dom is a browser to the SDK; the key only reaches the in-process mock.
  const requests: string[] = [];
  const client = new ChatRoutes({
    apiKey: 'test-key',
    fetch: (input, init) => {
      const request = new Request(input, init);
      requests.push(`${request.method} ${new URL(request.url).pathname}`);
      return mock.fetch(request);
    },
    retryAttempts: 0,
    dangerouslyAllowBrowser: true,
  });
  const id = await seedTwoExchanges(mock);
  const store = new ConversationStore(client, id, { throttle: 0 });
  cleanups.push(() => {
    store.dispose();
    mock.close();
  });
  return { client, id, store, requests };
}

/**
 * Awaits a store action outside act(), as one a click started runs: React renders its changes
 * as they come (under act(), React 18 would hold them all until the action ended).
 */
async function untilDone(action: Promise<void>): Promise<void> {
  let done = false;
  void action.then(() => {
    done = true;
  });
  await waitFor(() => expect(done).toBe(true), { timeout: 10_000 });
}

/** The messages shown: assistant-ui's id, role and text, and the picker's "k / n" if any. */
function shown() {
  return [...document.querySelectorAll<HTMLElement>('[data-id]')].map((row) => ({
    id: row.dataset.id,
    role: row.dataset.role,
    text: row.querySelector('[data-testid=message]')?.firstChild?.textContent ?? '',
    picker: row.querySelector('[data-testid=picker]')?.textContent?.replace(/\s+/g, ' ') ?? null,
  }));
}

/**
 * Waits until the thread shows the store's path: a loaded machine renders after the store has
 * changed, and an id read from a stale render names a message of the branch left behind.
 */
function showsPathOf(store: ConversationStore) {
  return waitFor(() =>
    expect(shown().map((row) => row.id)).toEqual(
      store.getSnapshot().path.map((entry) => entry.message.id),
    ),
  );
}

/** The path of a branch as the server has it. */
async function serverPath(client: ChatRoutes, conversationId: string, branchId: string) {
  return (await client.branches.getMessages(conversationId, branchId)) as Message[];
}

/** Renders the thread and resolves with its runtime once the conversation shows. */
async function renderThread(
  store: ConversationStore | undefined,
  props: Partial<Parameters<typeof Thread>[0]> = {},
  strict = false,
) {
  let runtime: ChatRoutesRuntime | undefined;
  const ui = <Thread store={store} {...props} onRuntime={(r) => (runtime = r)} />;
  const view = render(strict ? <StrictMode>{ui}</StrictMode> : ui);
  await waitFor(() => expect(runtime).toBeDefined());
  return { view, runtime: () => runtime as ChatRoutesRuntime };
}

describe('useChatRoutesRuntime', () => {
  it('needs no options: it opens the store and shows its path under the server ids', async () => {
    const { client, id, store } = await seeded();
    await renderThread(store);
    await waitFor(() => expect(shown()).toHaveLength(4));
    const main = store.getSnapshot().activeBranchId as string;
    const server = await serverPath(client, id, main);
    expect(shown()).toEqual(
      server.map((m) => ({ id: m.id, role: m.role, text: m.content, picker: null })),
    );
  });

  it('works under React.StrictMode and never disposes the store it was given', async () => {
    const { client, id, store } = await seeded();
    const { view } = await renderThread(store, {}, true);
    await waitFor(() => expect(shown()).toHaveLength(4));
    view.unmount();
    // The store still lives: its action reaches the server and its snapshot changes.
    await store.send('Still there?');
    expect(store.getSnapshot().error).toBeUndefined();
    expect(store.getSnapshot().path).toHaveLength(6);
    const server = await serverPath(client, id, store.getSnapshot().activeBranchId as string);
    expect(server.at(-2)?.content).toBe('Still there?');
  });

  it('renders nothing, without failing, before there is a store', async () => {
    await renderThread(undefined);
    expect(shown()).toEqual([]);
  });

  it('gives a sent message and its reply the server ids once stored', async () => {
    const { client, id, store } = await seeded();
    await renderThread(store);
    await waitFor(() => expect(shown()).toHaveLength(4));
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'And a museum?' } });
    fireEvent.click(screen.getByText('Send'));
    await waitFor(() => expect(shown()).toHaveLength(6));
    await waitFor(() => expect(store.getSnapshot().pending).toBeUndefined());
    const server = await serverPath(client, id, store.getSnapshot().activeBranchId as string);
    await waitFor(() => expect(shown().map((m) => m.id)).toEqual(server.map((m) => m.id)));
    expect(shown().at(-2)?.text).toBe('And a museum?');
    expect(shown().at(-1)?.text).toBe(server.at(-1)?.content);
  });

  it('lists the versions of a reply oldest first, the original as 1, and switches with the picker', async () => {
    const { client, id, store } = await seeded();
    const { runtime } = await renderThread(store);
    await waitFor(() => expect(shown()).toHaveLength(4));
    const original = shown()[3];
    for (let n = 0; n < 2; n++) {
      await showsPathOf(store);
      const reply = shown()[3]?.id as string;
      await act(async () => runtime().thread.getMessageById(reply).reload());
      await waitFor(() => expect(store.getSnapshot().pending).toBeUndefined());
    }
    await waitFor(() => expect(shown()[3]?.picker).toBe('3 / 3'));
    // The server's replies to that question, oldest first.
    const conversation = await client.conversations.get(id);
    const question = conversation.messages?.find((m) => m.id === shown()[2]?.id) as Message;
    const replies = (conversation.messages ?? [])
      .filter((m) => m.role === 'assistant' && m.parentMessageId !== null)
      .filter((m) => {
        const parent = conversation.messages?.find((p) => p.id === m.parentMessageId);
        return parent?.content === question.content;
      })
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    expect(replies).toHaveLength(3);
    expect(shown()[3]?.id).toBe(replies[2]?.id);
    for (const k of [2, 1]) {
      fireEvent.click(screen.getAllByText('Previous').at(-1) as HTMLElement);
      await waitFor(() => expect(shown()[3]?.picker).toBe(`${k} / 3`));
      expect(shown()[3]).toMatchObject({ id: replies[k - 1]?.id, text: replies[k - 1]?.content });
    }
    expect(shown()[3]?.id).toBe(original?.id);
  });

  it('switches to a branch already read without a request', async () => {
    const { store, requests } = await seeded();
    const { runtime } = await renderThread(store);
    await waitFor(() => expect(shown()).toHaveLength(4));
    await act(async () =>
      runtime()
        .thread.getMessageById(shown()[3]?.id as string)
        .reload(),
    );
    await waitFor(() => expect(store.getSnapshot().pending).toBeUndefined());
    const before = requests.length;
    fireEvent.click(screen.getAllByText('Previous').at(-1) as HTMLElement);
    await waitFor(() => expect(shown()[3]?.picker).toBe('1 / 2'));
    fireEvent.click(screen.getAllByText('Next').at(-1) as HTMLElement);
    await waitFor(() => expect(shown()[3]?.picker).toBe('2 / 2'));
    expect(requests.slice(before)).toEqual([]);
  });

  it('maps onEdit to store.edit, onReload to store.regenerate and onCancel to store.stop', async () => {
    const { store } = await seeded(50);
    const edit = vi.spyOn(store, 'edit');
    const regenerate = vi.spyOn(store, 'regenerate');
    const stop = vi.spyOn(store, 'stop');
    const { runtime } = await renderThread(store);
    await waitFor(() => expect(shown()).toHaveLength(4));
    const reply = shown()[3];

    await act(async () =>
      runtime()
        .thread.getMessageById(reply?.id as string)
        .reload(),
    );
    expect(regenerate).toHaveBeenCalledWith(reply?.id);
    await waitFor(() => expect(store.getSnapshot().pending).toBeUndefined(), { timeout: 10_000 });

    // The question asked again on the new branch: the one to edit now.
    await showsPathOf(store);
    const current = shown()[2]?.id as string;
    const composer = runtime().thread.getMessageById(current).composer;
    act(() => {
      composer.beginEdit();
      composer.setText('Add two day trips');
    });
    // Sent outside act(), as a click's run: under act() a slow machine renders the whole
    // streamed reply before act() returns, and the edit is over before it can be cancelled.
    composer.send();
    await waitFor(() => expect(edit).toHaveBeenCalledWith(current, 'Add two day trips'));
    await waitFor(() => expect(store.getSnapshot().pending).toBe('edit'));
    await waitFor(() => expect(runtime().thread.getState().isRunning).toBe(true));
    await act(async () => runtime().thread.cancelRun());
    expect(stop).toHaveBeenCalled();
    await waitFor(() => expect(store.getSnapshot().pending).toBeUndefined(), { timeout: 10_000 });
  });

  it('is running while the store sends, edits or regenerates, and only then', async () => {
    const { store } = await seeded(5);
    const { runtime } = await renderThread(store);
    await waitFor(() => expect(shown()).toHaveLength(4));
    const seen: Array<{ pending: string | undefined; running: boolean }> = [];
    const unsubscribe = runtime().thread.subscribe(() =>
      seen.push({
        pending: store.getSnapshot().pending,
        running: runtime().thread.getState().isRunning,
      }),
    );
    await untilDone(store.send('A third question'));
    await showsPathOf(store);
    const question = shown()[4]?.id as string;
    await untilDone(store.edit(question, 'A third question, edited'));
    await showsPathOf(store);
    const reply = shown()[5]?.id as string;
    await untilDone(store.regenerate(reply));
    await untilDone(store.switchBranch(store.getSnapshot().branches[0]?.id as string));
    unsubscribe();
    for (const action of ['send', 'edit', 'regenerate']) {
      expect(seen.some((s) => s.pending === action && s.running)).toBe(true);
    }
    expect(seen.filter((s) => s.running).every((s) => s.pending !== undefined)).toBe(true);
    expect(seen.filter((s) => s.pending === 'switch').every((s) => !s.running)).toBe(true);
    expect(runtime().thread.getState().isRunning).toBe(false);
  });

  it('keeps every earlier message object, and its picker, while a reply streams', async () => {
    const { store } = await seeded(5);
    const { runtime } = await renderThread(store);
    await waitFor(() => expect(shown()).toHaveLength(4));
    await act(async () =>
      runtime()
        .thread.getMessageById(shown()[3]?.id as string)
        .reload(),
    );
    await waitFor(() => expect(store.getSnapshot().pending).toBeUndefined(), { timeout: 10_000 });
    const before = runtime().thread.getState().messages;
    expect(
      runtime()
        .thread.getMessageById(before[3]?.id as string)
        .getState().branchCount,
    ).toBe(2);
    const states: Array<readonly ThreadMessage[]> = [];
    const counts: number[][] = [];
    const unsubscribe = runtime().thread.subscribe(() => {
      const messages = runtime().thread.getState().messages;
      states.push(messages);
      counts.push(
        messages.map((m) => runtime().thread.getMessageById(m.id).getState().branchCount),
      );
    });
    await untilDone(store.send('Something else'));
    unsubscribe();
    const streaming = states.filter((messages) => messages.length === 6);
    expect(streaming.length).toBeGreaterThan(2);
    for (const messages of states) {
      for (let i = 0; i < 4; i++) expect(messages[i]).toBe(before[i]);
    }
    // Only the reply position that has versions shows two; nothing else ever shows more than one.
    for (const row of counts) expect(row).toEqual(row.map((_, i) => (i === 3 ? 2 : 1)));
  });

  it('shows the model of each reply and the checkpoint context in metadata.custom', async () => {
    const { store } = await seeded();
    const { runtime } = await renderThread(store);
    await waitFor(() => expect(shown()).toHaveLength(4));
    await act(() => store.createCheckpoint());
    await act(() => runtime().compare('Compare these', ['gpt-5', 'claude-sonnet-4-5']));
    await waitFor(() => expect(shown()).toHaveLength(6));
    expect(store.getSnapshot().error).toBeUndefined();
    const last = runtime().thread.getState().messages.at(-1) as ThreadMessage;
    const custom = last.metadata.custom as unknown as ChatRoutesMessageMetadata;
    expect(custom.status).toBe('stored');
    expect(custom.model).toBe(store.getSnapshot().path.at(-1)?.message.metadata?.model);
    expect(custom.model).toBeTruthy();
    expect(custom.context?.checkpointUsed).toBe(true);
    // The versions come in the order the server stored the replies; the first model's shows.
    const first = shown().at(-1)?.picker;
    expect(['1 / 2', '2 / 2']).toContain(first);
    const other = first === '1 / 2' ? '2 / 2' : '1 / 2';
    fireEvent.click(
      screen.getAllByText(first === '1 / 2' ? 'Next' : 'Previous').at(-1) as HTMLElement,
    );
    await waitFor(() => expect(shown().at(-1)?.picker).toBe(other));
    const shownNow = runtime().thread.getState().messages.at(-1) as ThreadMessage;
    const models = [custom.model, (shownNow.metadata.custom as { model?: string }).model];
    expect(new Set(models).size).toBe(2);
    await act(() => store.suggestBranches());
    const suggested = runtime().thread.getState().messages.at(-1) as ThreadMessage;
    expect((suggested.metadata.custom as { suggestions?: unknown }).suggestions).toBe(
      store.getSnapshot().suggestions,
    );
  });
});

describe('the thread list', () => {
  it('lists, creates, renames and deletes conversations through the ConversationListStore', async () => {
    const { client, id, store } = await seeded();
    const conversations = new ConversationListStore(client);
    cleanups.push(() => conversations.dispose());
    const selected: string[] = [];
    const { runtime } = await renderThread(store, {
      options: { conversations, onSelectConversation: (c) => selected.push(c) },
    });
    const threads = () => runtime().threads.getState();
    await waitFor(() => expect(threads().threadIds).toEqual([id]));
    expect(threads().mainThreadId).toBe(id);
    expect(threads().threadItems[id]?.title).toBe('Trip');

    await act(() => runtime().threads.switchToNewThread());
    const created = conversations.getSnapshot().conversations[0]?.id as string;
    expect(created).not.toBe(id);
    expect(selected).toEqual([created]);
    await waitFor(() => expect(threads().threadIds).toEqual([created, id]));

    await act(() => runtime().threads.switchToThread(created));
    expect(selected).toEqual([created, created]);

    await act(() => runtime().threads.getItemById(created).rename('Porto'));
    expect((await client.conversations.get(created)).title).toBe('Porto');
    await waitFor(() => expect(threads().threadItems[created]?.title).toBe('Porto'));

    await act(() => runtime().threads.getItemById(created).delete());
    await waitFor(() => expect(threads().threadIds).toEqual([id]));
    const remaining = await client.conversations.list();
    expect(remaining.data.map((c) => c.id)).toEqual([id]);
  });
});
