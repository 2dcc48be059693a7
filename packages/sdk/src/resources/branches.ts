import type {
  Branch,
  CreateBranchRequest,
  ForkConversationRequest,
  Message,
  SendMessageRequest,
  SendMessageResponse,
  UpdateBranchRequest,
} from '@chatroutes/fetch/contract';
import type { APIPromise } from '../core/api-promise.js';
import { NotFoundError } from '../core/errors.js';
import type { RequestOptions } from '../core/options.js';
import { requireObject, requireString } from '../internal/validate.js';
import { requireMessage } from './messages.js';
import { Resource } from './resource.js';
import { sendResponse } from './send-response.js';

const branchPath = '/conversations/{conversationId}/branches/{branchId}';

/** `client.branches`: the branches and forks of a conversation. */
export class Branches extends Resource {
  /** Every branch of the conversation, the main branch first. */
  list(conversationId: string, options?: RequestOptions): APIPromise<Branch[]> {
    return this.transport.call(
      options,
      (request) =>
        request('get', '/conversations/{conversationId}/branches', { path: { conversationId } }),
      'branches',
    );
  }

  /** The conversation's main branch (there is exactly one, created with the conversation). */
  main(conversationId: string, options?: RequestOptions): APIPromise<Branch> {
    return this.list(conversationId, options).map((branches) => {
      const main = branches.find((branch) => branch.isMain);
      if (!main) {
        throw new NotFoundError(`Conversation ${conversationId} has no main branch`, {
          code: 'no_main_branch',
        });
      }
      return main;
    });
  }

  /** Creates a branch, from `baseNodeId` when given; `contextMode` sets what its replies see. */
  create(
    conversationId: string,
    data: CreateBranchRequest,
    options?: RequestOptions,
  ): APIPromise<Branch> {
    return this.transport.call(
      options,
      (request) =>
        request(
          'post',
          '/conversations/{conversationId}/branches',
          { path: { conversationId } },
          data,
        ),
      'branch',
    );
  }

  /** Starts a branch at an existing message (`forkPointMessageId`). */
  fork(
    conversationId: string,
    data: ForkConversationRequest,
    options?: RequestOptions,
  ): APIPromise<Branch> {
    return this.transport.call(
      options,
      (request) => {
        requireString('data.forkPointMessageId', requireObject('data', data).forkPointMessageId);
        return request(
          'post',
          '/conversations/{conversationId}/fork',
          { path: { conversationId } },
          data,
        );
      },
      'branch',
    );
  }

  /** Renames a branch, changes its description, or marks it active or inactive. */
  update(
    conversationId: string,
    branchId: string,
    data: UpdateBranchRequest,
    options?: RequestOptions,
  ): APIPromise<Branch> {
    return this.transport.call(
      options,
      (request) => request('patch', branchPath, { path: { conversationId, branchId } }, data),
      'branch',
    );
  }

  /** Deletes a branch (the main branch cannot be deleted: `ValidationError`). */
  delete(conversationId: string, branchId: string, options?: RequestOptions): APIPromise<void> {
    return this.transport.call(options, (request) =>
      request('delete', branchPath, { path: { conversationId, branchId } }),
    );
  }

  /** The branch's history: what it inherits up to its fork point, then its own messages. */
  getMessages(
    conversationId: string,
    branchId: string,
    options?: RequestOptions,
  ): APIPromise<Message[]> {
    return this.transport.call(
      options,
      (request) => request('get', `${branchPath}/messages`, { path: { conversationId, branchId } }),
      'messages',
    );
  }

  /** Merges the branch back into its parent. */
  merge(conversationId: string, branchId: string, options?: RequestOptions): APIPromise<Branch> {
    return this.transport.call(
      options,
      (request) => request('post', `${branchPath}/merge`, { path: { conversationId, branchId } }),
      'branch',
    );
  }

  /** Sends a user message on this branch and returns the reply (idempotent across retries). */
  sendMessage(
    conversationId: string,
    branchId: string,
    data: SendMessageRequest,
    options?: RequestOptions,
  ): APIPromise<SendMessageResponse> {
    return this.transport.call(
      options,
      (request) =>
        request(
          'post',
          `${branchPath}/messages`,
          { path: { conversationId, branchId } },
          requireMessage(data),
        ),
      sendResponse,
    );
  }
}
