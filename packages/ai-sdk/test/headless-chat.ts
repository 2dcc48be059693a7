import { AbstractChat, type ChatInit, type ChatState, type ChatStatus, type UIMessage } from 'ai';

/** The state of a chat outside any UI framework: plain fields. */
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
  snapshot = <T>(thing: T): T => structuredClone(thing);
}

/** The AI SDK's chat without a UI: what `useChat` drives, usable in Node. */
export class Chat<M extends UIMessage> extends AbstractChat<M> {
  constructor(init: ChatInit<M>) {
    super({ ...init, state: new PlainChatState(init.messages) });
  }
}
