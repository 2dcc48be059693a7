// @vitest-environment happy-dom
// @vitest-environment-options { "url": "http://app.test/" }
import { useChat } from '@ai-sdk/react';
import { act, configure, renderHook, waitFor } from '@testing-library/react';
import type { ChatRoutes } from 'chatroutes';
import { useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { ChatRoutesTransport, toUIMessages } from '../src/index.js';
import { relayedClient } from './relay-harness.js';

// A reply streams through React here: on a CI machine running other suites at once that can
// take longer than Testing Library's default 1 s for `waitFor`; a state never reached still
// fails, after 10 s.
configure({ asyncUtilTimeout: 10_000 });

/** `useChat` as an app writes it with the transport: its messages synced to the branch shown. */
function renderChat(client: ChatRoutes, conversationId: string) {
  const transport = new ChatRoutesTransport({ client });
  const rendered = renderHook(() => {
    const chat = useChat({ id: conversationId, transport });
    const { setMessages } = chat;
    useEffect(() => transport.sync(conversationId, setMessages), [setMessages]);
    return chat;
  });
  const shown = () =>
    toUIMessages(
      transport
        .store(conversationId)
        .getSnapshot()
        .path.map((entry) => entry.message),
    );
  return { transport, chat: () => rendered.result.current, shown };
}

describe('useChat from @ai-sdk/react, with the transport', () => {
  it('sends, edits into a branch and switches versions with no request', async () => {
    const { client, sent } = relayedClient();
    const { id } = await client.conversations.create({ title: 'useChat' });
    const { transport, chat, shown } = renderChat(client, id);

    await act(() => chat().sendMessage({ text: 'Plan a weekend in Lisbon' }));
    await waitFor(() => expect(chat().status).toBe('ready'));
    expect(chat().messages).toEqual(shown());
    expect(chat().messages).toEqual(toUIMessages(await client.messages.list(id)));

    const question = chat().messages[0]?.id ?? '';
    await act(() => chat().sendMessage({ text: 'Plan a weekend in Porto', messageId: question }));
    await waitFor(() => expect(chat().status).toBe('ready'));
    expect(chat().error).toBeUndefined();
    expect(chat().messages).toEqual(shown());
    expect(chat().messages[0]?.parts).toEqual([{ type: 'text', text: 'Plan a weekend in Porto' }]);
    expect(await client.branches.list(id)).toHaveLength(2);

    const before = sent.length;
    const edited = chat().messages[0]?.id ?? '';
    expect(transport.versions(id, edited)).toMatchObject({ index: 1, count: 2 });
    await act(() => transport.showVersion(id, edited, 'previous'));
    expect(chat().messages[0]?.id).toBe(question);
    expect(chat().messages).toEqual(shown());
    expect(sent.length).toBe(before);

    await act(() => chat().regenerate());
    await waitFor(() => expect(chat().status).toBe('ready'));
    expect(chat().messages).toEqual(shown());
    expect(transport.versions(id, chat().messages[1]?.id ?? '')).toMatchObject({ count: 2 });
  });

  it('shows a failure as useChat’s error', async () => {
    const { client } = relayedClient({
      fault: (request) => (request.url.endsWith('/messages/stream') ? 'cut-stream' : undefined),
    });
    const { id } = await client.conversations.create({ title: 'useChat' });
    const { chat } = renderChat(client, id);

    await act(() => chat().sendMessage({ text: 'Plan a weekend in Lisbon' }));
    await waitFor(() => expect(chat().status).toBe('error'));
    expect(chat().error?.message).toMatch(/stream/i);
  });
});
