/**
 * The actions of a `ConversationStore` a UI binds, listed once: adapters (the React hooks)
 * build their bound actions from this list, so a new action cannot be forgotten in one.
 */
export const CONVERSATION_ACTIONS = [
  'send',
  'stop',
  'edit',
  'regenerate',
  'compare',
  'fork',
  'forkFromSuggestion',
  'switchBranch',
  'showPrevious',
  'showNext',
  'createCheckpoint',
  'suggestBranches',
  'dismissError',
  'refresh',
] as const;

/** The name of one of {@link CONVERSATION_ACTIONS}. */
export type ConversationActionName = (typeof CONVERSATION_ACTIONS)[number];
