import { ThreadListItemPrimitive, ThreadListPrimitive } from '@assistant-ui/react';

function Conversation() {
  return (
    <ThreadListItemPrimitive.Root className="conversation">
      <ThreadListItemPrimitive.Trigger>
        <ThreadListItemPrimitive.Title fallback="New conversation" />
      </ThreadListItemPrimitive.Trigger>
      <ThreadListItemPrimitive.Delete aria-label="Delete conversation">
        ×
      </ThreadListItemPrimitive.Delete>
    </ThreadListItemPrimitive.Root>
  );
}

/** The user's conversations (assistant-ui's thread list over ChatRoutes' conversation list). */
export function Conversations() {
  return (
    <ThreadListPrimitive.Root className="conversations">
      <ThreadListPrimitive.New>New conversation</ThreadListPrimitive.New>
      <ThreadListPrimitive.Items components={{ ThreadListItem: Conversation }} />
    </ThreadListPrimitive.Root>
  );
}
