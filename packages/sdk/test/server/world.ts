import type { ChatRoutes } from '../../src/index.js';
import type { Ids } from './attack-matrix.js';

/** One user's conversation through the relay: a reply, a fork and a checkpoint. */
export async function seedConversation(client: ChatRoutes, title: string): Promise<Ids> {
  const conversation = await client.conversations.create({ title });
  const { message: reply } = await client.messages.send(conversation.id, { content: 'Hello' });
  const main = await client.branches.main(conversation.id);
  const fork = await client.branches.fork(conversation.id, {
    forkPointMessageId: reply.parentMessageId as string,
    title: 'Another way',
  });
  const checkpoint = await client.checkpoints.create(conversation.id, main.id, reply.id);
  return {
    conversationId: conversation.id,
    branchId: fork.id,
    messageId: reply.id,
    checkpointId: checkpoint.id,
  };
}

/** Ids shaped like the mock's that name nothing. */
export const missingIds: Ids = {
  conversationId: 'conv_0000deadbeef0000',
  branchId: 'br_0000deadbeef0000',
  messageId: 'msg_0000deadbeef0000',
  checkpointId: 'cp_0000deadbeef0000',
};
