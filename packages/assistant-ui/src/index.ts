export { threadListAdapter } from './thread-list.js';
export { type ChatRoutesMessageMetadata, threadMessageId } from './thread-messages.js';
export {
  type ChatRoutesRuntime,
  type ChatRoutesRuntimeOptions,
  useChatRoutesRuntime,
} from './use-chatroutes-runtime.js';
