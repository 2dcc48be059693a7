import {
  createCheckpoint,
  deleteCheckpoint,
  listCheckpoints,
  recreateCheckpoint,
} from '../../domain/checkpoints.js';
import { deleted, envelope, type HandlerDeps, type Handlers } from '../operation.js';
import { toCheckpoint } from '../wire.js';

type CheckpointHandlers = Pick<
  Handlers,
  'listCheckpoints' | 'createCheckpoint' | 'deleteCheckpoint' | 'recreateCheckpoint'
>;

export function checkpointHandlers({ state }: HandlerDeps): CheckpointHandlers {
  return {
    listCheckpoints(call) {
      const conversation = state.conversation(call.owner, call.params.conversationId);
      const checkpoints = listCheckpoints(state, conversation, call.query.branchId);
      return envelope(call, { checkpoints: checkpoints.map(toCheckpoint) });
    },

    createCheckpoint(call) {
      const conversation = state.conversation(call.owner, call.params.conversationId);
      const { branchId, anchorMessageId } = call.body;
      const checkpoint = createCheckpoint(state, conversation, branchId, anchorMessageId);
      return envelope(call, { checkpoint: toCheckpoint(checkpoint) });
    },

    deleteCheckpoint(call) {
      deleteCheckpoint(
        state,
        state.ownedCheckpoint(call.owner, call.params.checkpointId).checkpoint,
      );
      return deleted(call);
    },

    recreateCheckpoint(call) {
      const { checkpoint } = state.ownedCheckpoint(call.owner, call.params.checkpointId);
      return envelope(call, { checkpoint: toCheckpoint(recreateCheckpoint(state, checkpoint)) });
    },
  };
}
