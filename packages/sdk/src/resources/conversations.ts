import type {
  Conversation,
  ConversationTree,
  CreateConversationRequest,
  operations,
  UpdateConversationRequest,
} from '@chatroutes/fetch/contract';
import type { APIPromise } from '../core/api-promise.js';
import type { RequestOptions } from '../core/options.js';
import { Page, PagePromise } from '../core/pagination.js';
import { envelopeData, malformed } from '../internal/envelope.js';
import { optionalObject, requirePositiveInteger } from '../internal/validate.js';
import { Resource } from './resource.js';

/** `page` (from 1), `limit` and `filter`, as the spec declares them. */
export type ListConversationsParams = NonNullable<
  operations['listConversations']['parameters']['query']
>;

/** `client.conversations`: conversations and their branch trees. */
export class Conversations extends Resource {
  /** Creates a conversation, with its main branch. */
  create(data: CreateConversationRequest = {}, options?: RequestOptions): APIPromise<Conversation> {
    return this.transport.call(
      options,
      (request) => request('post', '/conversations', {}, data),
      'conversation',
    );
  }

  /**
   * Await it for one page, or `for await` over it for every conversation of every page.
   * `page` and `limit` must be integers >= 1 (a string such as `"1"` is refused).
   */
  list(params: ListConversationsParams = {}, options?: RequestOptions): PagePromise<Conversation> {
    const load = (page?: number): APIPromise<Page<Conversation>> =>
      this.transport.call(
        options,
        (request) => {
          const query = listQuery(params);
          return request('get', '/conversations', { query: page ? { ...query, page } : query });
        },
        (result) => {
          // The one list the API does not wrap in `{ success, data }`.
          if (!Array.isArray(result?.conversations)) throw malformed('`conversations`');
          const { conversations, ...counts } = result;
          for (const count of ['total', 'page', 'limit'] as const) {
            if (!Number.isSafeInteger(counts[count])) throw malformed(`integer \`${count}\``);
          }
          return new Page({ data: conversations, ...counts }, load);
        },
      );
    return new PagePromise(load);
  }

  /** A conversation with its messages and branches. */
  get(conversationId: string, options?: RequestOptions): APIPromise<Conversation> {
    return this.transport.call(
      options,
      (request) => request('get', '/conversations/{conversationId}', { path: { conversationId } }),
      'conversation',
    );
  }

  /** Renames a conversation. */
  update(
    conversationId: string,
    data: UpdateConversationRequest,
    options?: RequestOptions,
  ): APIPromise<Conversation> {
    return this.transport.call(
      options,
      (request) =>
        request('patch', '/conversations/{conversationId}', { path: { conversationId } }, data),
      'conversation',
    );
  }

  /** Deletes a conversation with its branches, messages and checkpoints. */
  delete(conversationId: string, options?: RequestOptions): APIPromise<void> {
    return this.transport.call(options, (request) =>
      request('delete', '/conversations/{conversationId}', { path: { conversationId } }),
    );
  }

  /** The branch tree: the main branch at the root, forks under the branch they came from. */
  getTree(conversationId: string, options?: RequestOptions): APIPromise<ConversationTree> {
    return this.transport.call(
      options,
      (request) =>
        request('get', '/conversations/{conversationId}/tree', { path: { conversationId } }),
      envelopeData,
    );
  }
}

/** The list's query, checked: the next pages are numbered from the server's valid `page`. */
function listQuery(params: ListConversationsParams): ListConversationsParams {
  const query = { ...optionalObject('params', params) };
  if (query.page !== undefined) requirePositiveInteger('params.page', query.page);
  if (query.limit !== undefined) requirePositiveInteger('params.limit', query.limit);
  return query;
}
