import type { PathEntry } from '@chatroutes/react';
import { memo, useState } from 'react';

interface MessageViewProps {
  entry: PathEntry;
  busy: boolean;
  onEdit: (messageId: string, content: string) => Promise<void>;
  onRegenerate: (messageId: string) => Promise<void>;
  onFork: (messageId: string) => Promise<void>;
  onPrevious: (key: string) => Promise<void>;
  onNext: (key: string) => Promise<void>;
}

/** One message, with its version switcher and actions. Memoised: it renders when it changes. */
export const MessageView = memo(function MessageView({
  entry,
  busy,
  onEdit,
  onRegenerate,
  onFork,
  onPrevious,
  onNext,
}: MessageViewProps) {
  const { message, status, alternatives, context } = entry;
  const [editing, setEditing] = useState<string>();
  const who = message.role === 'user' ? 'You' : 'Assistant';
  const stored = status === 'stored';
  return (
    <article
      aria-label={`${who}: ${message.content.slice(0, 80)}`}
      className={`message ${message.role} ${status}`}
    >
      <header>
        <strong>{who}</strong>
        {status === 'unsaved' && (
          <em className="unsaved-note" title="Stopped: not stored, the model will not read it">
            Not saved
          </em>
        )}
        {alternatives && (
          <span className="versions">
            <button
              type="button"
              aria-label="Previous version"
              disabled={alternatives.previousBranchId === undefined}
              onClick={() => onPrevious(entry.key)}
            >
              ‹
            </button>
            <span>
              {alternatives.index + 1} / {alternatives.count}
            </span>
            <button
              type="button"
              aria-label="Next version"
              disabled={alternatives.nextBranchId === undefined}
              onClick={() => onNext(entry.key)}
            >
              ›
            </button>
          </span>
        )}
      </header>
      {editing === undefined ? (
        <p className="content">
          {message.content}
          {status === 'streaming' && <span className="cursor" aria-hidden="true" />}
        </p>
      ) : (
        <form
          className="edit"
          onSubmit={(event) => {
            event.preventDefault();
            if (!editing.trim()) return;
            setEditing(undefined);
            void onEdit(message.id, editing);
          }}
        >
          <textarea
            aria-label="Edit message"
            value={editing}
            onChange={(e) => setEditing(e.target.value)}
          />
          <button type="submit">Save and send</button>
          <button type="button" onClick={() => setEditing(undefined)}>
            Cancel
          </button>
        </form>
      )}
      {context && (
        <p className="context">
          {context.checkpointUsed ? 'Checkpoint used' : 'Full history'}
          {context.contextMessageCount !== undefined &&
            ` · ${context.contextMessageCount} message${context.contextMessageCount === 1 ? '' : 's'}`}
          {context.promptTokens !== undefined && ` · ${context.promptTokens} prompt tokens`}
          {context.contextTruncated && ' · truncated'}
        </p>
      )}
      {stored && editing === undefined && (
        <footer className="actions">
          {message.role === 'user' && (
            <button type="button" disabled={busy} onClick={() => setEditing(message.content)}>
              Edit
            </button>
          )}
          {message.role === 'assistant' && (
            <button type="button" disabled={busy} onClick={() => onRegenerate(message.id)}>
              Regenerate
            </button>
          )}
          <button type="button" disabled={busy} onClick={() => onFork(message.id)}>
            Fork from here
          </button>
        </footer>
      )}
    </article>
  );
});
