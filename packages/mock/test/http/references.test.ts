import { describe, expect, it } from 'vitest';
import { setup } from '../helpers.js';

describe('a 404 about an id given in the body or the query', () => {
  it('has its own code and names the field, unlike a missing resource in the path', async () => {
    const { call, createConversation, send } = setup();
    const conversation = await createConversation();
    await send(conversation.id, { content: 'Hello there.' });
    const id = conversation.id;
    const references = [
      [
        'createBranch',
        'POST',
        `/conversations/${id}/branches`,
        { title: 'x', baseNodeId: 'msg_nope' },
        'baseNodeId',
      ],
      [
        'forkConversation',
        'POST',
        `/conversations/${id}/fork`,
        { title: 'x', forkPointMessageId: 'msg_nope' },
        'forkPointMessageId',
      ],
      [
        'createCheckpoint',
        'POST',
        `/conversations/${id}/checkpoints`,
        { branchId: 'br_nope', anchorMessageId: 'msg_nope' },
        'branchId',
      ],
      [
        'sendMessage',
        'POST',
        `/conversations/${id}/messages`,
        { content: 'hi', branchId: 'br_nope' },
        'branchId',
      ],
      [
        'listMessages',
        'GET',
        `/conversations/${id}/messages?branchId=br_nope`,
        undefined,
        'branchId',
      ],
      [
        'listCheckpoints',
        'GET',
        `/conversations/${id}/checkpoints?branchId=br_nope`,
        undefined,
        'branchId',
      ],
    ] as const;
    for (const [operationId, method, path, body, field] of references) {
      const answer = await call(operationId, method, path, body === undefined ? {} : { body });
      expect(answer.status, operationId).toBe(404);
      expect(answer.body, operationId).toMatchObject({
        code: 'REFERENCE_NOT_FOUND',
        details: [{ field }],
      });
    }

    const main = (await call('listBranches', 'GET', `/conversations/${id}/branches`)).body.data
      .branches[0];
    const history = (await call('listMessages', 'GET', `/conversations/${id}/messages`)).body.data
      .messages;
    const badAnchor = await call('createCheckpoint', 'POST', `/conversations/${id}/checkpoints`, {
      body: { branchId: main.id, anchorMessageId: 'msg_nope' },
    });
    expect(badAnchor.body).toMatchObject({
      code: 'REFERENCE_NOT_FOUND',
      details: [{ field: 'anchorMessageId' }],
    });
    expect(history).toHaveLength(2);

    const inPath = await call('listBranches', 'GET', '/conversations/conv_nope/branches');
    expect(inPath.status).toBe(404);
    expect(inPath.body.code).toBe('NOT_FOUND');
    const branchInPath = await call(
      'listBranchMessages',
      'GET',
      `/conversations/${id}/branches/br_nope/messages`,
    );
    expect(branchInPath.body.code).toBe('NOT_FOUND');
  });
});
