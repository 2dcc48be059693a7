/**
 * The browser side of the assistant-ui example: assistant-ui's primitives on
 * `useChatRoutesRuntime`, talking to ChatRoutes through the app's relay (no key in the page).
 * The conversation is `?c=<id>` in the address; the branch shown is remembered per
 * conversation, so a reload shows the same branch (read in one request).
 */
import { AssistantRuntimeProvider } from '@assistant-ui/react';
import { useChatRoutesRuntime } from '@chatroutes/assistant-ui';
import { useConversationStore } from '@chatroutes/react';
import { ChatRoutes } from 'chatroutes';
import { ConversationListStore } from 'chatroutes/store';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Conversations } from './conversations.js';
import { Thread } from './thread.js';

// The relay authenticates the page by its session cookie and adds the key itself.
const client = new ChatRoutes({ baseUrl: '/api/chatroutes' });
const branchKey = (conversationId: string) => `chatroutes:branch:${conversationId}`;

function App() {
  const [conversationId, setConversationId] = useState(
    () => new URLSearchParams(location.search).get('c') ?? undefined,
  );
  // Read once per conversation: later switches are the store's, not new options.
  const branchId = useMemo(
    () => (conversationId && localStorage.getItem(branchKey(conversationId))) || undefined,
    [conversationId],
  );
  const store = useConversationStore(client, conversationId, { branchId });
  const [conversations] = useState(() => new ConversationListStore(client));
  useEffect(() => () => conversations.dispose(), [conversations]);
  useEffect(
    () =>
      store?.subscribe(() => {
        const active = store.getSnapshot().activeBranchId;
        if (active) localStorage.setItem(branchKey(store.conversationId), active);
      }),
    [store],
  );
  const runtime = useChatRoutesRuntime(store, {
    conversations,
    onSelectConversation: (id) => {
      history.replaceState(null, '', `?c=${encodeURIComponent(id)}`);
      setConversationId(id);
    },
  });
  return (
    <AssistantRuntimeProvider runtime={runtime}>
      <aside>
        <Conversations />
      </aside>
      <main>
        {conversationId ? <Thread runtime={runtime} /> : <p>Pick or start a conversation.</p>}
      </main>
    </AssistantRuntimeProvider>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
