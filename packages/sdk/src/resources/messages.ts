import type { Message, SendMessageRequest, SendMessageResponse } from '@chatroutes/fetch';
import { pick } from '../core/envelope.js';
import type { RequestOptions } from '../core/options.js';
import { optionalObject, requireIds, requireObject, requireString } from '../core/validate.js';
import { MessageStream, type MessageStreamOptions } from '../streaming/message-stream.js';
import { Resource } from './resource.js';
import { sendResponse } from './send-response.js';

/** Options of `messages.stream`: the stream's callbacks and limits, and the usual call options. */
export type StreamOptions = MessageStreamOptions & RequestOptions;

export class Messages extends Resource {
  /**
   * Sends a user message and returns the assistant's reply. Retries reuse one
   * Idempotency-Key, so a retried send is never answered twice.
   */
  async send(
    conversationId: string,
    data: SendMessageRequest,
    options?: RequestOptions,
  ): Promise<SendMessageResponse> {
    const path = requireIds({ conversationId });
    const body = requireMessage(data);
    const result = await this.transport.request(options, (api, init) =>
      api.POST('/conversations/{conversationId}/messages', { ...init, params: { path }, body }),
    );
    return sendResponse(result);
  }

  /**
   * Sends a user message and streams the reply. Iterate the chunks, iterate `textStream`,
   * or `await` the stream (calling `onChunk` / `onComplete`) for `{ message, usage, model }`.
   */
  stream(
    conversationId: string,
    data: SendMessageRequest,
    options: StreamOptions = {},
  ): MessageStream {
    requireString('conversationId', conversationId);
    const body = requireMessage(data);
    const { onChunk, onComplete, onError, signal, idleTimeout, ...request } = options;
    const settings = this.transport.settings;
    return new MessageStream(this.transport.openStream(conversationId, body, request), {
      ...(onChunk && { onChunk }),
      ...(onComplete && { onComplete }),
      ...(onError && { onError }),
      ...(signal && { signal }),
      ...(idleTimeout !== undefined && { idleTimeout }),
      retryAttempts: request.retryAttempts ?? settings.retryAttempts,
      retryDelay: request.retryDelay ?? settings.retryDelay,
    });
  }

  /** The messages of a conversation (of its main branch unless `branchId` is given). */
  async list(
    conversationId: string,
    params: { branchId?: string } = {},
    options?: RequestOptions,
  ): Promise<Message[]> {
    const path = requireIds({ conversationId });
    const { branchId } = optionalObject('params', params) ?? {};
    const query =
      branchId === undefined ? {} : { branchId: requireString('params.branchId', branchId) };
    const result = await this.transport.request(options, (api, init) =>
      api.GET('/conversations/{conversationId}/messages', { ...init, params: { path, query } }),
    );
    return pick(result, 'messages');
  }

  async update(
    messageId: string,
    data: { content: string },
    options?: RequestOptions,
  ): Promise<Message> {
    const path = requireIds({ messageId });
    const body = { content: requireString('data.content', requireObject('data', data).content) };
    const result = await this.transport.request(options, (api, init) =>
      api.PATCH('/messages/{messageId}', { ...init, params: { path }, body }),
    );
    return pick(result, 'message');
  }

  async delete(messageId: string, options?: RequestOptions): Promise<void> {
    const path = requireIds({ messageId });
    await this.transport.request(options, (api, init) =>
      api.DELETE('/messages/{messageId}', { ...init, params: { path } }),
    );
  }
}

/** A send needs text: refusing an empty one here saves a round trip and a 400. */
export function requireMessage(data: SendMessageRequest): SendMessageRequest {
  requireString('data.content', requireObject('data', data).content);
  return data;
}
