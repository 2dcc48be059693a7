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
import { requireObject, requireString } from '../core/validate.js';
import { requireMessage } from './messages.js';
import { Resource } from './resource.js';
import { sendResponse } from './send-response.js';

const branchPath = '/conversations/{conversationId}/branches/{branchId}';

/** `client.branches`: the branches and forks of a conversation. */
export class Branches extends Resource {
  /** Every branch of the conversation, the main branch first. */
  async list(conversationId: string, options?: RequestOptions): Promise<Branch[]> {
    const result = await this.transport.request(options, (api, init) =>
      api.GET('/conversations/{conversationId}/branches', init({ path: { conversationId } })),
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

  /** Creates a branch, from `baseNodeId` when given; `contextMode` sets what its replies see. */
  async create(
    conversationId: string,
    data: CreateBranchRequest,
    options?: RequestOptions,
  ): Promise<Branch> {
    const result = await this.transport.request(options, (api, init) =>
      api.POST(
        '/conversations/{conversationId}/branches',
        init({ path: { conversationId } }, data),
      ),
    );
    return pick(result, 'branch');
  }

  /** Starts a branch at an existing message (`forkPointMessageId`). */
  async fork(
    conversationId: string,
    data: ForkConversationRequest,
    options?: RequestOptions,
  ): Promise<Branch> {
    requireString('data.forkPointMessageId', requireObject('data', data).forkPointMessageId);
    const result = await this.transport.request(options, (api, init) =>
      api.POST('/conversations/{conversationId}/fork', init({ path: { conversationId } }, data)),
    );
    return pick(result, 'branch');
  }

  /** Renames a branch, changes its description, or marks it active or inactive. */
  async update(
    conversationId: string,
    branchId: string,
    data: UpdateBranchRequest,
    options?: RequestOptions,
  ): Promise<Branch> {
    const result = await this.transport.request(options, (api, init) =>
      api.PATCH(branchPath, init({ path: { conversationId, branchId } }, data)),
    );
    return pick(result, 'branch');
  }

  /** Deletes a branch (the main branch cannot be deleted: `ValidationError`). */
  async delete(conversationId: string, branchId: string, options?: RequestOptions): Promise<void> {
    await this.transport.request(options, (api, init) =>
      api.DELETE(branchPath, init({ path: { conversationId, branchId } })),
    );
  }

  /** The branch's history: what it inherits up to its fork point, then its own messages. */
  async getMessages(
    conversationId: string,
    branchId: string,
    options?: RequestOptions,
  ): Promise<Message[]> {
    const result = await this.transport.request(options, (api, init) =>
      api.GET(`${branchPath}/messages`, init({ path: { conversationId, branchId } })),
    );
    return pick(result, 'messages');
  }

  /** Merges the branch back into its parent. */
  async merge(conversationId: string, branchId: string, options?: RequestOptions): Promise<Branch> {
    const result = await this.transport.request(options, (api, init) =>
      api.POST(`${branchPath}/merge`, init({ path: { conversationId, branchId } })),
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
    const result = await this.transport.request(options, (api, init) =>
      api.POST(
        `${branchPath}/messages`,
        init({ path: { conversationId, branchId } }, requireMessage(data)),
      ),
    );
    return sendResponse(result);
  }
}
