import type {
  Message,
  SendMessageRequest,
  SendMessageResponse,
  UpdateMessageRequest,
} from '@chatroutes/fetch/contract';
import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/options.js';
import { requireIds, requireObject, requireString } from '../internal/validate.js';
import { MessageStream, type MessageStreamOptions } from '../streaming/message-stream.js';
import { type BranchQuery, branchQuery } from './branch-query.js';
import { Resource } from './resource.js';
import { sendResponse } from './send-response.js';

/** Options of `messages.stream`: the stream's callbacks and limits, and the usual call options. */
export type StreamOptions = MessageStreamOptions & RequestOptions;

/** `client.messages`: send and stream messages; list, edit and delete them. */
export class Messages extends Resource {
  /**
   * Sends a user message and returns the assistant's reply. Retries reuse one
   * Idempotency-Key, so a retried send is never answered twice.
   */
  send(
    conversationId: string,
    data: SendMessageRequest,
    options?: RequestOptions,
  ): APIPromise<SendMessageResponse> {
    return this.transport.call(
      options,
      (request) =>
        request(
          'post',
          '/conversations/{conversationId}/messages',
          { path: { conversationId } },
          requireMessage(data),
        ),
      sendResponse,
    );
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
    requireIds({ conversationId });
    const body = requireMessage(data);
    const { retryAttempts, retryDelay } = this.transport.settings;
    // Each reads what is its own: the opener the request options (its `signal` is each
    // attempt's), the stream its callbacks, signal and limits, the client's when not given.
    return MessageStream.fromHttp(
      this.transport.openStream(conversationId, body, options),
      {
        ...options,
        retryAttempts: options.retryAttempts ?? retryAttempts,
        retryDelay: options.retryDelay ?? retryDelay,
      },
      this.transport.redact,
    );
  }

  /** The messages of a conversation (of its main branch unless `branchId` is given). */
  list(
    conversationId: string,
    params: BranchQuery = {},
    options?: RequestOptions,
  ): APIPromise<Message[]> {
    return this.transport.call(
      options,
      (request) =>
        request('get', '/conversations/{conversationId}/messages', {
          path: { conversationId },
          query: branchQuery(params),
        }),
      'messages',
    );
  }

  /** Replaces the content of a message. */
  update(
    messageId: string,
    data: UpdateMessageRequest,
    options?: RequestOptions,
  ): APIPromise<Message> {
    return this.transport.call(
      options,
      (request) =>
        request('patch', '/messages/{messageId}', { path: { messageId } }, requireMessage(data)),
      'message',
    );
  }

  /** Deletes a message. */
  delete(messageId: string, options?: RequestOptions): APIPromise<void> {
    return this.transport.call(options, (request) =>
      request('delete', '/messages/{messageId}', { path: { messageId } }),
    );
  }
}

/** A message needs text: refusing an empty one here saves a round trip and a 400. */
export function requireMessage<T extends { content: string }>(data: T): T {
  requireString('data.content', requireObject('data', data).content);
  return data;
}
