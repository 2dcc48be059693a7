import {
  ActionBarPrimitive,
  BranchPickerPrimitive,
  ComposerPrimitive,
  MessagePrimitive,
  ThreadPrimitive,
  useAuiState,
} from '@assistant-ui/react';
import type { ChatRoutesMessageMetadata, ChatRoutesRuntime } from '@chatroutes/assistant-ui';
import type { ModelName } from 'chatroutes';

/** The models "Compare models" asks, each answering the same question. */
const COMPARED_MODELS: readonly ModelName[] = ['gpt-5', 'claude-sonnet-4-5', 'claude-opus-4-1'];

/** "‹ 2 / 3 · model ›": the server's versions at this message, and the model of a reply. */
function BranchPicker() {
  const model = useAuiState(
    ({ message }) => (message.metadata.custom as Partial<ChatRoutesMessageMetadata>).model,
  );
  return (
    <BranchPickerPrimitive.Root hideWhenSingleBranch className="picker">
      <BranchPickerPrimitive.Previous aria-label="Previous version">
        ‹
      </BranchPickerPrimitive.Previous>
      <span className="count">
        <BranchPickerPrimitive.Number /> / <BranchPickerPrimitive.Count />
      </span>
      {model && <span className="model"> · {model}</span>}
      <BranchPickerPrimitive.Next aria-label="Next version">›</BranchPickerPrimitive.Next>
    </BranchPickerPrimitive.Root>
  );
}

/** The id assistant-ui gives the message (the server's once stored), for tests and devtools. */
function MessageRoot({ children }: { children: React.ReactNode }) {
  const id = useAuiState(({ message }) => message.id);
  const role = useAuiState(({ message }) => message.role);
  return (
    <MessagePrimitive.Root className={`message ${role}`} data-id={id} data-role={role}>
      {children}
    </MessagePrimitive.Root>
  );
}

function UserMessage() {
  return (
    <MessageRoot>
      <div className="text">
        <MessagePrimitive.Parts />
      </div>
      <BranchPicker />
      <ActionBarPrimitive.Root>
        <ActionBarPrimitive.Edit>Edit</ActionBarPrimitive.Edit>
      </ActionBarPrimitive.Root>
    </MessageRoot>
  );
}

function AssistantMessage() {
  return (
    <MessageRoot>
      <div className="text">
        <MessagePrimitive.Parts />
      </div>
      <BranchPicker />
      <ActionBarPrimitive.Root>
        <ActionBarPrimitive.Reload>Regenerate</ActionBarPrimitive.Reload>
      </ActionBarPrimitive.Root>
    </MessageRoot>
  );
}

function EditComposer() {
  return (
    <ComposerPrimitive.Root className="message user editing">
      <ComposerPrimitive.Input aria-label="Edit message" />
      <ComposerPrimitive.Cancel>Cancel</ComposerPrimitive.Cancel>
      <ComposerPrimitive.Send>Save</ComposerPrimitive.Send>
    </ComposerPrimitive.Root>
  );
}

/**
 * Asks the composer's text of several models at once (`runtime.compare`): their replies
 * become the versions of one reply, the picker showing each one's model.
 */
function CompareButton({ runtime }: { runtime: ChatRoutesRuntime }) {
  const compare = () => {
    const { composer } = runtime.thread;
    const text = composer.getState().text;
    if (text.trim() === '') return;
    composer.setText('');
    void runtime.compare(text, COMPARED_MODELS);
  };
  return (
    <button type="button" onClick={compare}>
      Compare models
    </button>
  );
}

/**
 * A chat thread from assistant-ui's primitives: messages, versions, edit, regenerate, stop,
 * and a comparison of models.
 */
export function Thread({ runtime }: { runtime: ChatRoutesRuntime }) {
  return (
    <ThreadPrimitive.Root className="thread">
      <ThreadPrimitive.Viewport className="messages">
        <ThreadPrimitive.Messages components={{ UserMessage, AssistantMessage, EditComposer }} />
      </ThreadPrimitive.Viewport>
      <ComposerPrimitive.Root className="composer">
        <ComposerPrimitive.Input aria-label="Message" placeholder="Ask something" />
        <ThreadPrimitive.If running={false}>
          <ComposerPrimitive.Send>Send</ComposerPrimitive.Send>
          <CompareButton runtime={runtime} />
        </ThreadPrimitive.If>
        <ThreadPrimitive.If running>
          <ComposerPrimitive.Cancel>Stop</ComposerPrimitive.Cancel>
        </ThreadPrimitive.If>
      </ComposerPrimitive.Root>
    </ThreadPrimitive.Root>
  );
}
