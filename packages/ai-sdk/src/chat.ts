/**
 * `@chatroutes/ai-sdk/chat`: the AI SDK's chat without a UI framework, for Node scripts,
 * servers and tests. It is `AbstractChat` from `ai` (what `useChat` drives) with plain fields as
 * its state; needs `ai` installed.
 *
 * ```ts
 * const chat = new Chat({ id: conversationId, transport: new ChatRoutesTransport({ client }) });
 * transport.sync(chat.id, (messages) => { chat.messages = messages; });
 * await chat.sendMessage({ text: 'Plan a weekend in Lisbon' });
 * ```
 *
 * @module
 */
import { AbstractChat, type ChatInit, type ChatState, type ChatStatus, type UIMessage } from 'ai';
import type { ChatRoutesUIMessage } from './ui-messages.js';

// The messages a `Chat` holds unless told otherwise.
export type { ChatRoutesUIMessage } from './ui-messages.js';

/** A chat's state as plain fields: every change replaces the array, as UI states do. */
class PlainChatState<M extends UIMessage> implements ChatState<M> {
  status: ChatStatus = 'ready';
  error: Error | undefined;
  messages: M[];

  constructor(messages: M[] = []) {
    this.messages = messages;
  }

  pushMessage = (message: M) => {
    this.messages = [...this.messages, message];
  };
  popMessage = () => {
    this.messages = this.messages.slice(0, -1);
  };
  replaceMessage = (index: number, message: M) => {
    this.messages = this.messages.map((current, at) => (at === index ? message : current));
  };
  // The chat keeps copies of messages it is still writing.
  snapshot = <T>(value: T): T => structuredClone(value);
}

/**
 * The AI SDK's `Chat` with no UI: `sendMessage`, `regenerate`, `stop`, `messages`, `status`
 * and `error`, as `useChat` has them.
 */
export class Chat<M extends UIMessage = ChatRoutesUIMessage> extends AbstractChat<M> {
  /** Takes what `useChat` takes: `id`, `transport`, `messages`, `onError`, `onFinish`… */
  constructor(init: ChatInit<M>) {
    super({ ...init, state: new PlainChatState(init.messages) });
  }
}
