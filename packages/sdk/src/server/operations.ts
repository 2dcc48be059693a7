import type { HttpMethod, operations, PathsWithMethod } from '@chatroutes/fetch/contract';

/** The name the spec gives an operation (`getConversation`, `streamMessage`, …). */
export type OperationId = keyof operations;

/**
 * Which conversation an operation touches, so the relay can tell whether the caller owns it:
 * - `conversation`: the path's `{conversationId}`;
 * - `message` / `checkpoint`: the conversation of the path's `{messageId}` / `{checkpointId}`,
 *   which the relay learned from the answers it relayed to the owner;
 * - `create`: none yet; the conversation in the answer becomes the caller's;
 * - `list`: the caller's own conversations, which the relay lists itself;
 * - `any`: no conversation at all (AutoBranch, health): any signed-in user.
 */
export type Scope = 'conversation' | 'message' | 'checkpoint' | 'create' | 'list' | 'any';

/** How the relay authorises one operation of the API. */
export interface OperationRule {
  /** The operation's HTTP method, in lower case as in the spec. */
  method: HttpMethod;
  /** The spec's path template, e.g. `/conversations/{conversationId}/fork`. */
  path: string;
  /** Which conversation the caller must own (see {@link Scope}). */
  scope: Scope;
  /**
   * The other ids an operation carries (a second path parameter, ids in the body or the
   * query) that name something inside a conversation. Each must be one the relay has seen in
   * the conversation the scope resolved, or the request is answered "not found" without
   * reaching the API (which also looks them up within that conversation). The attack tests
   * try each with another user's.
   */
  references?: readonly `${'path' | 'body' | 'query'}.${string}`[];
  /** What a successful answer ends: the ownership record, or the id the relay had learned. */
  forgets?: 'conversation' | 'resource';
}

function rule<M extends HttpMethod>(
  method: M,
  path: PathsWithMethod<M>,
  scope: Scope,
  extra: Pick<OperationRule, 'references' | 'forgets'> = {},
): OperationRule {
  return { method, path, scope, ...extra };
}

const onBranch = ['body.branchId'] as const;
const inBranch = ['path.branchId'] as const;

/**
 * Every operation of the spec and the conversation it touches: the relay's whole
 * authorisation. The type makes an operation of the spec without an entry a compile error;
 * the tests also compare the table with `openapi/chatroutes.yaml` itself.
 */
export const OPERATIONS: Readonly<Record<OperationId, OperationRule>> = {
  createConversation: rule('post', '/conversations', 'create'),
  listConversations: rule('get', '/conversations', 'list'),
  getConversation: rule('get', '/conversations/{conversationId}', 'conversation'),
  updateConversation: rule('patch', '/conversations/{conversationId}', 'conversation'),
  deleteConversation: rule('delete', '/conversations/{conversationId}', 'conversation', {
    forgets: 'conversation',
  }),
  getConversationTree: rule('get', '/conversations/{conversationId}/tree', 'conversation'),
  sendMessage: rule('post', '/conversations/{conversationId}/messages', 'conversation', {
    references: onBranch,
  }),
  streamMessage: rule('post', '/conversations/{conversationId}/messages/stream', 'conversation', {
    references: onBranch,
  }),
  listMessages: rule('get', '/conversations/{conversationId}/messages', 'conversation', {
    references: ['query.branchId'],
  }),
  updateMessage: rule('patch', '/messages/{messageId}', 'message'),
  deleteMessage: rule('delete', '/messages/{messageId}', 'message', { forgets: 'resource' }),
  listBranches: rule('get', '/conversations/{conversationId}/branches', 'conversation'),
  createBranch: rule('post', '/conversations/{conversationId}/branches', 'conversation', {
    references: ['body.baseNodeId'],
  }),
  forkConversation: rule('post', '/conversations/{conversationId}/fork', 'conversation', {
    references: ['body.forkPointMessageId'],
  }),
  updateBranch: rule(
    'patch',
    '/conversations/{conversationId}/branches/{branchId}',
    'conversation',
    {
      references: inBranch,
    },
  ),
  deleteBranch: rule(
    'delete',
    '/conversations/{conversationId}/branches/{branchId}',
    'conversation',

    { references: inBranch },
  ),
  listBranchMessages: rule(
    'get',
    '/conversations/{conversationId}/branches/{branchId}/messages',
    'conversation',

    { references: inBranch },
  ),
  sendBranchMessage: rule(
    'post',
    '/conversations/{conversationId}/branches/{branchId}/messages',
    'conversation',

    { references: inBranch },
  ),
  mergeBranch: rule(
    'post',
    '/conversations/{conversationId}/branches/{branchId}/merge',
    'conversation',

    { references: inBranch },
  ),
  listCheckpoints: rule('get', '/conversations/{conversationId}/checkpoints', 'conversation', {
    references: ['query.branchId'],
  }),
  createCheckpoint: rule('post', '/conversations/{conversationId}/checkpoints', 'conversation', {
    references: ['body.branchId', 'body.anchorMessageId'],
  }),
  deleteCheckpoint: rule('delete', '/checkpoints/{checkpointId}', 'checkpoint', {
    forgets: 'resource',
  }),
  recreateCheckpoint: rule('post', '/checkpoints/{checkpointId}/recreate', 'checkpoint'),
  suggestBranches: rule('post', '/autobranch/suggest-branches', 'any'),
  autobranchHealth: rule('get', '/autobranch/health', 'any'),
};
