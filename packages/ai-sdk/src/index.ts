/**
 * `@chatroutes/ai-sdk`: ChatRoutes for the Vercel AI SDK. {@link ChatRoutesTransport} gives
 * `useChat` server-side branching (an edit or a regeneration makes a branch, versions switch
 * without a request); {@link createChatRoutes} is a provider for `streamText` and
 * `generateText` whose replies are stored in a conversation.
 *
 * @module
 */
export { ChatRoutesLanguageModel, type ChatRoutesModelSettings } from './language-model.js';
export {
  type ChatRoutesProvider,
  type ChatRoutesProviderOptions,
  createChatRoutes,
} from './provider.js';
export type { ChatRoutesUIMessageChunk } from './reply-chunks.js';
export {
  type ChatRoutesRequestBody,
  ChatRoutesTransport,
  type ChatRoutesTransportOptions,
} from './transport.js';
export {
  type ChatRoutesMessageMetadata,
  type ChatRoutesUIMessage,
  type ChatRoutesUsage,
  toUIMessages,
} from './ui-messages.js';
