import { useConversations } from '@chatroutes/react';
import type { ChatRoutes } from 'chatroutes';
import { useState } from 'react';

/**
 * The user's conversations: pick one, start a new one, rename or delete one. Deleting the
 * conversation shown shows the next one listed (or none).
 */
export function ConversationList({
  client,
  activeId,
  onSelect,
}: {
  client: ChatRoutes;
  activeId: string | undefined;
  onSelect: (conversationId: string | undefined) => void;
}) {
  const list = useConversations(client, { limit: 20 });
  const [renaming, setRenaming] = useState<{ id: string; title: string }>();
  const busy = list.pending !== undefined;

  const create = async () => {
    const created = await list.create({ title: 'Playground' });
    if (created) onSelect(created.id);
  };
  const remove = async (id: string) => {
    await list.remove(id);
    if (id === activeId) onSelect(list.conversations.find((c) => c.id !== id)?.id);
  };

  return (
    <nav className="conversations" aria-label="Conversations">
      <h2>Conversations</h2>
      <button type="button" onClick={create} disabled={busy}>
        New conversation
      </button>
      {list.error && <p role="alert">{list.error.message}</p>}
      <ul>
        {list.conversations.map((conversation) => (
          <li
            key={conversation.id}
            aria-current={conversation.id === activeId ? 'true' : undefined}
          >
            {renaming?.id === conversation.id ? (
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  setRenaming(undefined);
                  void list.rename(conversation.id, renaming.title);
                }}
              >
                <input
                  aria-label="Conversation title"
                  value={renaming.title}
                  onChange={(e) => setRenaming({ id: conversation.id, title: e.target.value })}
                />
                <button type="submit">Save</button>
              </form>
            ) : (
              <>
                <button
                  type="button"
                  className="conversation-title"
                  onClick={() => onSelect(conversation.id)}
                >
                  {conversation.title || 'Untitled'}
                </button>
                <button
                  type="button"
                  aria-label={`Rename ${conversation.title}`}
                  disabled={busy}
                  onClick={() => setRenaming({ id: conversation.id, title: conversation.title })}
                >
                  ✎
                </button>
                <button
                  type="button"
                  aria-label={`Delete ${conversation.title}`}
                  disabled={busy}
                  onClick={() => void remove(conversation.id)}
                >
                  ×
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {list.hasMore && (
        <button type="button" onClick={list.loadMore} disabled={busy}>
          More
        </button>
      )}
    </nav>
  );
}
