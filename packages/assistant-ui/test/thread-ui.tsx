import {
  AssistantRuntimeProvider,
  BranchPickerPrimitive,
  ComposerPrimitive,
  MessagePrimitive,
  ThreadPrimitive,
} from '@assistant-ui/react';
import type { ConversationStore } from 'chatroutes/store';
import { useEffect } from 'react';
import {
  type ChatRoutesRuntime,
  type ChatRoutesRuntimeOptions,
  useChatRoutesRuntime,
} from '../src/index.js';

/** One message: its id and text, the BranchPicker ("k / n") and the Reload / Edit buttons. */
function Message() {
  return (
    <MessagePrimitive.Root>
      <article data-testid="message">
        <MessagePrimitive.Parts />
        <BranchPickerPrimitive.Root hideWhenSingleBranch>
          <BranchPickerPrimitive.Previous>Previous</BranchPickerPrimitive.Previous>
          <span data-testid="picker">
            <BranchPickerPrimitive.Number /> / <BranchPickerPrimitive.Count />
          </span>
          <BranchPickerPrimitive.Next>Next</BranchPickerPrimitive.Next>
        </BranchPickerPrimitive.Root>
      </article>
    </MessagePrimitive.Root>
  );
}

/** A thread made of assistant-ui's primitives, on `useChatRoutesRuntime(store, options)`. */
export function Thread({
  store,
  options,
  onRuntime,
}: {
  store: ConversationStore | undefined;
  options?: ChatRoutesRuntimeOptions;
  onRuntime?: (runtime: ChatRoutesRuntime) => void;
}) {
  const runtime = useChatRoutesRuntime(store, options);
  useEffect(() => {
    onRuntime?.(runtime);
  }, [runtime, onRuntime]);
  return (
    <AssistantRuntimeProvider runtime={runtime}>
      <ThreadPrimitive.Root>
        <ThreadPrimitive.Messages>
          {({ message }) => (
            <div data-id={message.id} data-role={message.role}>
              <Message />
            </div>
          )}
        </ThreadPrimitive.Messages>
        <ComposerPrimitive.Root>
          <ComposerPrimitive.Input aria-label="Message" />
          <ComposerPrimitive.Send>Send</ComposerPrimitive.Send>
        </ComposerPrimitive.Root>
      </ThreadPrimitive.Root>
    </AssistantRuntimeProvider>
  );
}
