import type { ConversationView } from '@chatroutes/react';

/** Checkpoint and AutoBranch: what the store does beyond chatting. */
export function ToolsPanel({ chat }: { chat: ConversationView }) {
  const busy = chat.pending !== undefined || chat.status !== 'ready';
  const last = chat.path.at(-1);
  return (
    <section className="tools" aria-label="Tools">
      <h2>Checkpoint</h2>
      <button type="button" disabled={busy || !last} onClick={chat.createCheckpoint}>
        Create checkpoint
      </button>
      {chat.checkpoint && (
        <div className="checkpoint" role="status" aria-label="Checkpoint summary">
          <p>Summary of {chat.checkpoint.token_count} tokens. The next reply starts from it:</p>
          <blockquote>{chat.checkpoint.summary}</blockquote>
        </div>
      )}
      <h2>AutoBranch</h2>
      <button
        type="button"
        disabled={busy || last?.message.role !== 'assistant'}
        onClick={() => chat.suggestBranches()}
      >
        Suggest branches
      </button>
      {chat.suggestions && (
        <ul className="suggestions" aria-label="Suggestions">
          {chat.suggestions.suggestions.map((suggestion) => (
            <li key={suggestion.id}>
              <button
                type="button"
                disabled={busy}
                title={suggestion.description}
                onClick={() =>
                  chat.forkFromSuggestion(suggestion, { content: suggestion.triggerText })
                }
              >
                Fork: {suggestion.title}
              </button>
            </li>
          ))}
          {chat.suggestions.suggestions.length === 0 && <li>No branch points found.</li>}
        </ul>
      )}
    </section>
  );
}
