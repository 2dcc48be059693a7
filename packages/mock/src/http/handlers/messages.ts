import { branchHistory } from '../../domain/history.js';
import { deleteMessage, updateMessage } from '../../domain/messages.js';
import { deleted, envelope, type HandlerDeps, type Handlers } from '../operation.js';
import { toMessage } from '../wire.js';
import { sendReply, streamReply } from './replies.js';

type MessageHandlers = Pick<
  Handlers,
  'sendMessage' | 'streamMessage' | 'listMessages' | 'updateMessage' | 'deleteMessage'
>;

export function messageHandlers(deps: HandlerDeps): MessageHandlers {
  const { state } = deps;
  return {
    sendMessage: (call) => sendReply(call, deps),

    streamMessage: (call) => streamReply(call, deps),

    /** The history of a branch (the main branch by default), inherited messages included. */
    listMessages(call) {
      const conversation = state.conversation(call.owner, call.params.conversationId);
      const { branchId } = call.query;
      const branch =
        branchId === undefined
          ? state.mainBranch(conversation)
          : state.branch(conversation, branchId, 'branchId');
      return envelope(call, { messages: branchHistory(state, branch).map(toMessage) });
    },

    updateMessage(call) {
      const { message, conversation } = state.ownedMessage(call.owner, call.params.messageId);
      return envelope(call, {
        message: toMessage(updateMessage(state, conversation, message, call.body.content)),
      });
    },

    deleteMessage(call) {
      const { message, conversation } = state.ownedMessage(call.owner, call.params.messageId);
      deleteMessage(state, conversation, message);
      return deleted(call);
    },
  };
}
