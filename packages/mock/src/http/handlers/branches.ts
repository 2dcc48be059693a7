import type {
  CreateBranchRequest,
  ForkConversationRequest,
  UpdateBranchRequest,
} from '@chatroutes/fetch';
import {
  createBranch,
  deleteBranch,
  forkConversation,
  mergeBranch,
  updateBranch,
} from '../../domain/branches.js';
import { branchHistory } from '../../domain/history.js';
import {
  deleted,
  envelope,
  type HandlerDeps,
  type Handlers,
  type OperationCall,
  param,
} from '../operation.js';
import { sendReply } from '../send.js';
import { toBranch, toMessage } from '../wire.js';

type BranchHandlers = Pick<
  Handlers,
  | 'listBranches'
  | 'createBranch'
  | 'forkConversation'
  | 'updateBranch'
  | 'deleteBranch'
  | 'listBranchMessages'
  | 'sendBranchMessage'
  | 'mergeBranch'
>;

export function branchHandlers(deps: HandlerDeps): BranchHandlers {
  const { state } = deps;
  const conversationOf = (call: OperationCall) =>
    state.conversation(call.owner, param(call, 'conversationId'));
  const branchOf = (call: OperationCall) => {
    const conversation = conversationOf(call);
    return { conversation, branch: state.branch(conversation, param(call, 'branchId')) };
  };

  return {
    listBranches(call) {
      // Creation order puts the main branch first, as the spec promises.
      const branches = state.liveBranches(conversationOf(call));
      return envelope(call, { branches: branches.map((branch) => toBranch(state, branch)) });
    },

    createBranch(call) {
      const branch = createBranch(state, conversationOf(call), call.body as CreateBranchRequest);
      return envelope(call, { branch: toBranch(state, branch) });
    },

    forkConversation(call) {
      const branch = forkConversation(
        state,
        conversationOf(call),
        call.body as ForkConversationRequest,
      );
      return envelope(call, { branch: toBranch(state, branch) });
    },

    updateBranch(call) {
      const { conversation, branch } = branchOf(call);
      updateBranch(state, conversation, branch, call.body as UpdateBranchRequest);
      return envelope(call, { branch: toBranch(state, branch) });
    },

    deleteBranch(call) {
      const { conversation, branch } = branchOf(call);
      deleteBranch(state, conversation, branch);
      return deleted(call);
    },

    /** The branch's history: what it inherited up to its fork point, then its own messages. */
    listBranchMessages(call) {
      const { branch } = branchOf(call);
      return envelope(call, { messages: branchHistory(state, branch).map(toMessage) });
    },

    sendBranchMessage: (call) => sendReply(call, deps, param(call, 'branchId')),

    mergeBranch(call) {
      const { conversation, branch } = branchOf(call);
      return envelope(call, { branch: toBranch(state, mergeBranch(state, conversation, branch)) });
    },
  };
}
