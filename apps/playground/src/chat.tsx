import { type ConversationView, useConversation } from '@chatroutes/react';
import { type ChatRoutes, MODELS, type ModelName } from 'chatroutes';
import { type FormEvent, useEffect, useState } from 'react';
import { BranchTree } from './branch-tree.js';
import { MessageView } from './message-view.js';
import { ToolsPanel } from './tools-panel.js';

/** One conversation: the branch tree, the messages of the active branch, the composer. */
export function Chat({
  client,
  conversationId,
  model,
  onModel,
}: {
  client: ChatRoutes;
  conversationId: string;
  model: ModelName;
  onModel: (model: ModelName) => void;
}) {
  const chat = useConversation(client, conversationId, { model });
  return (
    <div className="chat">
      <aside className="side">
        <BranchTree
          tree={chat.tree}
          activeBranchId={chat.activeBranchId}
          onSwitch={chat.switchBranch}
        />
        <ToolsPanel chat={chat} />
      </aside>
      <main className="main">
        <label className="model">
          Model
          <select value={model} onChange={(e) => onModel(e.target.value as ModelName)}>
            {Object.entries(MODELS).map(([name, description]) => (
              <option key={name} value={name} title={description}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {chat.error && (
          <div role="alert" className="error">
            <span>
              {chat.error.name}: {chat.error.message}
            </span>
            <button type="button" onClick={chat.dismissError}>
              Dismiss
            </button>
          </div>
        )}
        <section role="log" aria-label="Conversation" className="log">
          {chat.status === 'loading' && <p className="loading">Loading…</p>}
          {chat.status === 'ready' && chat.path.length === 0 && (
            <p className="empty">
              Send a message to start. Then edit it, regenerate the reply, or fork.
            </p>
          )}
          {chat.path.map((entry) => (
            <MessageView
              key={entry.key}
              entry={entry}
              busy={chat.pending !== undefined}
              onEdit={chat.edit}
              onRegenerate={chat.regenerate}
              onFork={chat.fork}
              onPrevious={chat.showPrevious}
              onNext={chat.showNext}
            />
          ))}
        </section>
        <Composer chat={chat} />
      </main>
    </div>
  );
}

function Composer({ chat }: { chat: ConversationView }) {
  const [draft, setDraft] = useState('');
  // A send the server did not store comes back into the input.
  useEffect(() => {
    if (chat.unsent) setDraft(chat.unsent);
  }, [chat.unsent]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim() || chat.pending) return;
    const text = draft;
    setDraft('');
    void chat.send(text);
  };
  return (
    <form className="composer" onSubmit={submit}>
      <textarea
        aria-label="Message"
        placeholder="Ask anything — try “Should we take the train or fly?”"
        value={draft}
        rows={2}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) submit(e);
        }}
      />
      {chat.streaming ? (
        <button type="button" onClick={chat.stop}>
          Stop
        </button>
      ) : (
        <button type="submit" disabled={chat.pending !== undefined || chat.status !== 'ready'}>
          Send
        </button>
      )}
    </form>
  );
}
