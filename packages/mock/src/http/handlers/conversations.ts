import type { ConversationList } from '@chatroutes/fetch';
import {
  createConversation,
  deleteConversation,
  listConversations,
  updateConversation,
} from '../../domain/conversations.js';
import { deleted, envelope, type HandlerDeps, type Handlers } from '../operation.js';
import { toConversation, toTree } from '../wire.js';

type ConversationHandlers = Pick<
  Handlers,
  | 'createConversation'
  | 'listConversations'
  | 'getConversation'
  | 'updateConversation'
  | 'deleteConversation'
  | 'getConversationTree'
>;

export function conversationHandlers({ state }: HandlerDeps): ConversationHandlers {
  return {
    createConversation(call) {
      const conversation = createConversation(state, call.owner, call.body);
      return envelope(call, { conversation: toConversation(state, conversation) });
    },

    listConversations(call) {
      const { page = 1, limit = 20, filter = 'all' } = call.query;
      const result = listConversations(state, call.owner, { page, limit, filter });
      // The one unwrapped answer of the API: the page sits at the top level.
      const list: ConversationList = {
        conversations: result.conversations.map((record) => toConversation(state, record)),
        total: result.total,
        page,
        limit,
        hasNext: result.hasNext,
      };
      return call.c.json(list);
    },

    getConversation(call) {
      const conversation = state.conversation(call.owner, call.params.conversationId);
      return envelope(call, { conversation: toConversation(state, conversation, true) });
    },

    updateConversation(call) {
      const conversation = state.conversation(call.owner, call.params.conversationId);
      updateConversation(state, conversation, call.body);
      return envelope(call, { conversation: toConversation(state, conversation) });
    },

    deleteConversation(call) {
      deleteConversation(state, state.conversation(call.owner, call.params.conversationId));
      return deleted(call);
    },

    getConversationTree(call) {
      const conversation = state.conversation(call.owner, call.params.conversationId);
      return envelope(call, toTree(state, conversation));
    },
  };
}
