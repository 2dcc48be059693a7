import type { ChatRoutes, ModelName } from 'chatroutes';
import { ChatRoutesLanguageModel, type ChatRoutesModelSettings } from './language-model.js';

/** How {@link createChatRoutes} reaches ChatRoutes. */
export interface ChatRoutesProviderOptions {
  /** The client (on a server: with your API key; in a browser: a client of your relay). */
  client: ChatRoutes;
}

/** Makes a model of a conversation: `chatroutes('gpt-5', { conversationId, branchId })`. */
export type ChatRoutesProvider = (
  modelId: ModelName,
  settings: ChatRoutesModelSettings,
) => ChatRoutesLanguageModel;

/**
 * The ChatRoutes provider for `streamText` and `generateText`:
 *
 * ```ts
 * const chatroutes = createChatRoutes({ client });
 * const result = streamText({ model: chatroutes('gpt-5', { conversationId }), prompt: 'Hi' });
 * ```
 */
export function createChatRoutes(options: ChatRoutesProviderOptions): ChatRoutesProvider {
  return (modelId, settings) => new ChatRoutesLanguageModel(options.client, modelId, settings);
}
