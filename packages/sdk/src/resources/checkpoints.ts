import type { Checkpoint } from '@chatroutes/fetch/contract';
import { APIPromise } from '../core/api-promise.js';
import { ChatRoutesError } from '../core/errors.js';
import type { RequestOptions } from '../core/options.js';
import type { Transport } from '../internal/transport.js';
import { optionalObject, requireIds, requireString } from '../internal/validate.js';
import { type BranchQuery, branchQuery } from './branch-query.js';
import type { Branches } from './branches.js';
import { Resource } from './resource.js';

/** Which branch: the main branch unless `branchId` says otherwise. */
export type BranchSelector = BranchQuery;

/** `client.checkpoints`: summaries of a branch's history that keep long conversations cheap. */
export class Checkpoints extends Resource {
  // The helpers need the main branch and its messages.
  readonly #branches: Branches;

  constructor(transport: Transport, branches: Branches) {
    super(transport);
    this.#branches = branches;
  }

  /** The conversation's checkpoints, oldest first (of one branch with `branchId`). */
  list(
    conversationId: string,
    params: BranchSelector = {},
    options?: RequestOptions,
  ): APIPromise<Checkpoint[]> {
    return this.transport.call(
      options,
      (request) =>
        request('get', '/conversations/{conversationId}/checkpoints', {
          path: { conversationId },
          query: branchQuery(params),
        }),
      'checkpoints',
    );
  }

  /** Summarises the branch's history up to and including `anchorMessageId`. */
  create(
    conversationId: string,
    branchId: string,
    anchorMessageId: string,
    options?: RequestOptions,
  ): APIPromise<Checkpoint> {
    return this.transport.call(
      options,
      (request) =>
        request(
          'post',
          '/conversations/{conversationId}/checkpoints',
          { path: { conversationId } },
          requireIds({ branchId, anchorMessageId }),
        ),
      'checkpoint',
    );
  }

  /** Deletes a checkpoint; later replies fall back to an earlier one or the full history. */
  delete(checkpointId: string, options?: RequestOptions): APIPromise<void> {
    return this.transport.call(options, (request) =>
      request('delete', '/checkpoints/{checkpointId}', { path: { checkpointId } }),
    );
  }

  /** Regenerates the summary (same id) to cover the messages added since. */
  recreate(checkpointId: string, options?: RequestOptions): APIPromise<Checkpoint> {
    return this.transport.call(
      options,
      (request) =>
        request('post', '/checkpoints/{checkpointId}/recreate', { path: { checkpointId } }),
      'checkpoint',
    );
  }

  /** A checkpoint anchored at the last message of the branch (the main branch by default). */
  createAtLatest(
    conversationId: string,
    selector: BranchSelector = {},
    options?: RequestOptions,
  ): APIPromise<Checkpoint> {
    const anchor = (async () => {
      const branchId = await this.#branchId(conversationId, selector, options);
      const messages = await this.#branches.getMessages(conversationId, branchId, options);
      const last = messages.at(-1);
      if (!last) {
        throw new ChatRoutesError(`Branch ${branchId} has no message to anchor a checkpoint on`, {
          code: 'empty_branch',
        });
      }
      return { branchId, messageId: last.id };
    })();
    return APIPromise.after(anchor, ({ branchId, messageId }) =>
      this.create(conversationId, branchId, messageId, options),
    );
  }

  /** The newest checkpoint of the branch (the main branch by default), if it has any. */
  latest(
    conversationId: string,
    selector: BranchSelector = {},
    options?: RequestOptions,
  ): APIPromise<Checkpoint | undefined> {
    return APIPromise.after(this.#branchId(conversationId, selector, options), (branchId) =>
      this.list(conversationId, { branchId }, options).map(newest),
    );
  }

  async #branchId(
    conversationId: string,
    selector: BranchSelector,
    options: RequestOptions | undefined,
  ): Promise<string> {
    const { branchId } = optionalObject('selector', selector) ?? {};
    if (branchId !== undefined) return requireString('selector.branchId', branchId);
    return (await this.#branches.main(conversationId, options)).id;
  }
}

function newest(checkpoints: Checkpoint[]): Checkpoint | undefined {
  let latest: Checkpoint | undefined;
  for (const checkpoint of checkpoints) {
    if (!latest || Date.parse(checkpoint.created_at) > Date.parse(latest.created_at)) {
      latest = checkpoint;
    }
  }
  return latest;
}
