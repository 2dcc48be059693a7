import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { ChatTransport, LanguageModel, UIMessage } from 'ai';
import type { ChatRoutes } from 'chatroutes';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ChatRoutesMessageMetadata,
  ChatRoutesTransport,
  type ChatRoutesUIMessage,
  createChatRoutes,
} from '../src/index.js';

declare const client: ChatRoutes;

describe('types', () => {
  it('the transport is a ChatTransport of messages with ChatRoutes metadata', () => {
    const transport = new ChatRoutesTransport({ client });
    expectTypeOf(transport).toMatchTypeOf<ChatTransport<ChatRoutesUIMessage>>();
    expectTypeOf<ChatRoutesUIMessage>().toMatchTypeOf<UIMessage>();
    expectTypeOf<
      NonNullable<ChatRoutesUIMessage['metadata']>
    >().toEqualTypeOf<ChatRoutesMessageMetadata>();
  });

  it('the provider makes a v3 language model that streamText takes', () => {
    const chatroutes = createChatRoutes({ client });
    const model = chatroutes('gpt-5', { conversationId: 'conv_1', branchId: 'br_1' });
    expectTypeOf(model).toMatchTypeOf<LanguageModelV3>();
    expectTypeOf(model).toMatchTypeOf<LanguageModel>();
    expectTypeOf(model.specificationVersion).toEqualTypeOf<'v3'>();
    // A model writes into a conversation: it must be named.
    // @ts-expect-error conversationId is required
    chatroutes('gpt-5', {});
  });
});
