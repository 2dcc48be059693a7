import {
  createBranch,
  deleteBranch,
  forkConversation,
  mergeBranch,
  updateBranch,
} from '../../domain/branches.js';
import { branchHistory } from '../../domain/history.js';
import { deleted, envelope, type HandlerDeps, type Handlers, requestStop } from '../operation.js';
import { toBranch, toMessage } from '../wire.js';
import { sendReply } from './replies.js';

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
  const branchOf = (owner: string, params: { conversationId: string; branchId: string }) => {
    const conversation = state.conversation(owner, params.conversationId);
    return { conversation, branch: state.branch(conversation, params.branchId) };
  };

  return {
    listBranches(call) {
      // Creation order puts the main branch first, as the spec promises.
      const branches = state.liveBranches(
        state.conversation(call.owner, call.params.conversationId),
      );
      return envelope(call, { branches: branches.map((branch) => toBranch(state, branch)) });
    },

    createBranch(call) {
      const conversation = state.conversation(call.owner, call.params.conversationId);
      const branch = createBranch(state, conversation, call.body);
      return envelope(call, { branch: toBranch(state, branch) });
    },

    forkConversation(call) {
      const conversation = state.conversation(call.owner, call.params.conversationId);
      const branch = forkConversation(state, conversation, call.body);
      return envelope(call, { branch: toBranch(state, branch) });
    },

    updateBranch(call) {
      const { conversation, branch } = branchOf(call.owner, call.params);
      updateBranch(state, conversation, branch, call.body);
      return envelope(call, { branch: toBranch(state, branch) });
    },

    deleteBranch(call) {
      const { conversation, branch } = branchOf(call.owner, call.params);
      deleteBranch(state, conversation, branch);
      return deleted(call);
    },

    /** The branch's history: what it inherited up to its fork point, then its own messages. */
    listBranchMessages(call) {
      const { branch } = branchOf(call.owner, call.params);
      return envelope(call, { messages: branchHistory(state, branch).map(toMessage) });
    },

    sendBranchMessage: (call) => sendReply(call, deps, call.params.branchId),

    /** A merge writes to the parent branch: it waits for the parent's turn like an exchange. */
    async mergeBranch(call) {
      const { branch } = branchOf(call.owner, call.params);
      const stop = requestStop(call, deps);
      const release = branch.parentBranchId
        ? await deps.turns.take(branch.parentBranchId, stop)
        : () => {};
      try {
        stop.throwIfAborted();
        const { conversation, branch: merged } = branchOf(call.owner, call.params);
        return envelope(call, {
          branch: toBranch(state, mergeBranch(state, conversation, merged)),
        });
      } finally {
        release();
      }
    },
  };
}
