import type {
  Branch,
  CreateBranchRequest,
  ForkConversationRequest,
  Message,
  SendMessageRequest,
  SendMessageResponse,
  UpdateBranchRequest,
} from '@chatroutes/fetch';
import { pick } from '../core/envelope.js';
import { NotFoundError } from '../core/errors.js';
import type { RequestOptions } from '../core/options.js';
import { requireIds, requireObject, requireString } from '../core/validate.js';
import { requireMessage } from './messages.js';
import { Resource } from './resource.js';
import { sendResponse } from './send-response.js';

export class Branches extends Resource {
  async list(conversationId: string, options?: RequestOptions): Promise<Branch[]> {
    const path = requireIds({ conversationId });
    const result = await this.transport.request(options, (api, init) =>
      api.GET('/conversations/{conversationId}/branches', { ...init, params: { path } }),
    );
    return pick(result, 'branches');
  }

  /** The conversation's main branch (there is exactly one, created with the conversation). */
  async main(conversationId: string, options?: RequestOptions): Promise<Branch> {
    const main = (await this.list(conversationId, options)).find((branch) => branch.isMain);
    if (!main) {
      throw new NotFoundError(`Conversation ${conversationId} has no main branch`, {
        code: 'no_main_branch',
      });
    }
    return main;
  }

  async create(
    conversationId: string,
    data: CreateBranchRequest,
    options?: RequestOptions,
  ): Promise<Branch> {
    const path = requireIds({ conversationId });
    const body = requireObject('data', data);
    const result = await this.transport.request(options, (api, init) =>
      api.POST('/conversations/{conversationId}/branches', { ...init, params: { path }, body }),
    );
    return pick(result, 'branch');
  }

  /** Starts a branch at an existing message (`forkPointMessageId`). */
  async fork(
    conversationId: string,
    data: ForkConversationRequest,
    options?: RequestOptions,
  ): Promise<Branch> {
    const path = requireIds({ conversationId });
    const body = requireObject('data', data);
    requireString('data.forkPointMessageId', body.forkPointMessageId);
    const result = await this.transport.request(options, (api, init) =>
      api.POST('/conversations/{conversationId}/fork', { ...init, params: { path }, body }),
    );
    return pick(result, 'branch');
  }

  async update(
    conversationId: string,
    branchId: string,
    data: UpdateBranchRequest,
    options?: RequestOptions,
  ): Promise<Branch> {
    const path = branchPath(conversationId, branchId);
    const body = requireObject('data', data);
    const result = await this.transport.request(options, (api, init) =>
      api.PATCH('/conversations/{conversationId}/branches/{branchId}', {
        ...init,
        params: { path },
        body,
      }),
    );
    return pick(result, 'branch');
  }

  /** Deletes a branch (the main branch cannot be deleted: `ValidationError`). */
  async delete(conversationId: string, branchId: string, options?: RequestOptions): Promise<void> {
    const path = branchPath(conversationId, branchId);
    await this.transport.request(options, (api, init) =>
      api.DELETE('/conversations/{conversationId}/branches/{branchId}', {
        ...init,
        params: { path },
      }),
    );
  }

  async getMessages(
    conversationId: string,
    branchId: string,
    options?: RequestOptions,
  ): Promise<Message[]> {
    const path = branchPath(conversationId, branchId);
    const result = await this.transport.request(options, (api, init) =>
      api.GET('/conversations/{conversationId}/branches/{branchId}/messages', {
        ...init,
        params: { path },
      }),
    );
    return pick(result, 'messages');
  }

  /** Merges the branch back into its parent. */
  async merge(conversationId: string, branchId: string, options?: RequestOptions): Promise<Branch> {
    const path = branchPath(conversationId, branchId);
    const result = await this.transport.request(options, (api, init) =>
      api.POST('/conversations/{conversationId}/branches/{branchId}/merge', {
        ...init,
        params: { path },
      }),
    );
    return pick(result, 'branch');
  }

  /** Sends a user message on this branch and returns the reply (idempotent across retries). */
  async sendMessage(
    conversationId: string,
    branchId: string,
    data: SendMessageRequest,
    options?: RequestOptions,
  ): Promise<SendMessageResponse> {
    const path = branchPath(conversationId, branchId);
    const body = requireMessage(data);
    const result = await this.transport.request(options, (api, init) =>
      api.POST('/conversations/{conversationId}/branches/{branchId}/messages', {
        ...init,
        params: { path },
        body,
      }),
    );
    return sendResponse(result);
  }
}

function branchPath(conversationId: string, branchId: string) {
  return requireIds({ conversationId, branchId });
}
