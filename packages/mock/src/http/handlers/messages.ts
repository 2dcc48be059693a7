import type { UpdateMessageRequest } from '@chatroutes/fetch';
import { branchHistory } from '../../domain/history.js';
import { deleteMessage, updateMessage } from '../../domain/messages.js';
import { deleted, envelope, type HandlerDeps, type Handlers, param } from '../operation.js';
import { sendReply, streamReply } from '../send.js';
import { toMessage } from '../wire.js';

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
      const conversation = state.conversation(call.owner, param(call, 'conversationId'));
      const branchId = (call.query.branchId as string | undefined) ?? conversation.mainBranchId;
      const branch = state.branch(conversation, branchId);
      return envelope(call, { messages: branchHistory(state, branch).map(toMessage) });
    },

    updateMessage(call) {
      const { message, conversation } = state.ownedMessage(call.owner, param(call, 'messageId'));
      const { content } = call.body as UpdateMessageRequest;
      return envelope(call, {
        message: toMessage(updateMessage(state, conversation, message, content)),
      });
    },

    deleteMessage(call) {
      const { message, conversation } = state.ownedMessage(call.owner, param(call, 'messageId'));
      deleteMessage(state, conversation, message);
      return deleted(call);
    },
  };
}
