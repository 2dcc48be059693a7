import type { CreateCheckpointRequest } from '@chatroutes/fetch';
import {
  createCheckpoint,
  deleteCheckpoint,
  listCheckpoints,
  recreateCheckpoint,
} from '../../domain/checkpoints.js';
import { deleted, envelope, type HandlerDeps, type Handlers, param } from '../operation.js';
import { toCheckpoint } from '../wire.js';

type CheckpointHandlers = Pick<
  Handlers,
  'listCheckpoints' | 'createCheckpoint' | 'deleteCheckpoint' | 'recreateCheckpoint'
>;

export function checkpointHandlers({ state }: HandlerDeps): CheckpointHandlers {
  return {
    listCheckpoints(call) {
      const conversation = state.conversation(call.owner, param(call, 'conversationId'));
      const branchId = call.query.branchId as string | undefined;
      const checkpoints = listCheckpoints(state, conversation, branchId);
      return envelope(call, { checkpoints: checkpoints.map(toCheckpoint) });
    },

    createCheckpoint(call) {
      const conversation = state.conversation(call.owner, param(call, 'conversationId'));
      const { branchId, anchorMessageId } = call.body as CreateCheckpointRequest;
      const checkpoint = createCheckpoint(state, conversation, branchId, anchorMessageId);
      return envelope(call, { checkpoint: toCheckpoint(checkpoint) });
    },

    deleteCheckpoint(call) {
      deleteCheckpoint(state.ownedCheckpoint(call.owner, param(call, 'checkpointId')).checkpoint);
      return deleted(call);
    },

    recreateCheckpoint(call) {
      const { checkpoint } = state.ownedCheckpoint(call.owner, param(call, 'checkpointId'));
      return envelope(call, { checkpoint: toCheckpoint(recreateCheckpoint(state, checkpoint)) });
    },
  };
}
