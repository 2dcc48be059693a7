import { describe, expect, it } from 'vitest';
import { PARTIAL_INHERITED_MESSAGES } from '../../src/domain/history.js';
import { expectDocumentedRefusal, setup } from '../helpers.js';

type Message = { id: string; role: string; content: string; branchId: string };

async function conversationWithHistory(exchanges: number) {
  const api = setup();
  const conversation = await api.createConversation();
  for (let index = 1; index <= exchanges; index++) {
    await api.send(conversation.id, { content: `Question number ${index} about Lisbon?` });
  }
  const history: Message[] = await api.messages(conversation.id);
  return { ...api, conversation, history };
}

describe('branches and forks', () => {
  it('forks at a message: the fork holds the history up to the fork point, then its own', async () => {
    const { call, conversation, history, sendOnBranch } = await conversationWithHistory(3);
    const forkPoint = history[3] as Message; // the second assistant reply
    const forked = await call(
      'forkConversation',
      'POST',
      `/conversations/${conversation.id}/fork`,
      {
        body: { forkPointMessageId: forkPoint.id, title: 'What if' },
      },
    );
    expect(forked.status).toBe(201);
    const branch = forked.body.data.branch;
    expect(branch).toMatchObject({
      parentBranchId: forkPoint.branchId,
      forkPointMessageId: forkPoint.id,
      isMain: false,
      contextMode: 'FULL',
      messageCount: 0,
    });

    const before = await call(
      'listBranchMessages',
      'GET',
      `/conversations/${conversation.id}/branches/${branch.id}/messages`,
    );
    expect(before.body.data.messages.map((m: Message) => m.id)).toEqual(
      history.slice(0, 4).map((m) => m.id),
    );

    const reply = await sendOnBranch(conversation.id, branch.id, 'Take the other road.');
    expect(reply.message.branchId).toBe(branch.id);
    const after = await call(
      'listBranchMessages',
      'GET',
      `/conversations/${conversation.id}/branches/${branch.id}/messages`,
    );
    const ids = after.body.data.messages.map((m: Message) => m.id);
    expect(ids.slice(0, 4)).toEqual(history.slice(0, 4).map((m) => m.id));
    expect(ids).toHaveLength(6);
    expect(ids).not.toContain(history[4]?.id);
    // The main branch is untouched.
    const main = await call('listMessages', 'GET', `/conversations/${conversation.id}/messages`);
    expect(main.body.data.messages).toHaveLength(6);
  });

  // Scripts written against the service (the official Python SDK's notebooks among them)
  // read a branch send's reply as `assistantMessage`: it comes with `message`, and the
  // stored prompt as `userMessage`, the spec's deprecated fields.
  it('answers a branch send with message, and the same reply as assistantMessage', async () => {
    const { conversation, history, sendOnBranch, call } = await conversationWithHistory(1);
    const branchId = history[0]?.branchId as string;
    const data = await sendOnBranch(conversation.id, branchId, 'And on the fourth day?');
    expect(data.assistantMessage).toEqual(data.message);
    const stored: Message[] = (
      await call(
        'listBranchMessages',
        'GET',
        `/conversations/${conversation.id}/branches/${branchId}/messages`,
      )
    ).body.data.messages;
    expect(data.userMessage).toEqual(stored.at(-2));
    expect(data.userMessage).toMatchObject({ role: 'user', content: 'And on the fourth day?' });
    expect(data.message.parentMessageId).toBe(data.userMessage.id);
  });

  it('gives replies the context their contextMode says', async () => {
    const { call, conversation, history, sendOnBranch } = await conversationWithHistory(5);
    const forkPoint = history.at(-1) as Message;
    const counts: Record<string, number> = {};
    const replies: Record<string, string> = {};
    for (const contextMode of ['FULL', 'PARTIAL', 'MINIMAL']) {
      const forked = await call(
        'forkConversation',
        'POST',
        `/conversations/${conversation.id}/fork`,
        {
          body: { forkPointMessageId: forkPoint.id, title: contextMode, contextMode },
        },
      );
      const reply = await sendOnBranch(conversation.id, forked.body.data.branch.id, 'Go on.');
      counts[contextMode] = reply.message.metadata.context_message_count;
      replies[contextMode] = reply.message.content;
    }
    // The prompt itself always counts as one message of the context.
    expect(counts).toEqual({ FULL: 11, PARTIAL: PARTIAL_INHERITED_MESSAGES + 1, MINIMAL: 1 });
    expect(new Set(Object.values(replies)).size).toBe(3);
  });

  it('creates a branch at the end of main, or at baseNodeId', async () => {
    const { call, conversation, history } = await conversationWithHistory(2);
    const path = `/conversations/${conversation.id}/branches`;
    const atEnd = await call('createBranch', 'POST', path, { body: { title: 'Latest' } });
    expect(atEnd.status).toBe(201);
    expect(atEnd.body.data.branch).toMatchObject({
      forkPointMessageId: history.at(-1)?.id,
      baseNodeId: null,
      title: 'Latest',
    });
    const atBase = await call('createBranch', 'POST', path, {
      body: {
        title: 'Early',
        description: 'From the start',
        baseNodeId: history[0]?.id,
        contextMode: 'MINIMAL',
      },
    });
    expect(atBase.body.data.branch).toMatchObject({
      forkPointMessageId: history[0]?.id,
      baseNodeId: history[0]?.id,
      description: 'From the start',
      contextMode: 'MINIMAL',
    });
    const unknown = await call('createBranch', 'POST', path, {
      body: { title: 'x', baseNodeId: 'msg_nope' },
    });
    expect(unknown.status).toBe(404);
  });

  it('lists branches main first, updates and deletes them; the main branch cannot be deleted', async () => {
    const { call, conversation } = await conversationWithHistory(1);
    const base = `/conversations/${conversation.id}/branches`;
    const created = (await call('createBranch', 'POST', base, { body: { title: 'Side' } })).body
      .data.branch;
    const listed = (await call('listBranches', 'GET', base)).body.data.branches;
    expect(listed.map((b: { title: string }) => b.title)).toEqual(['Main', 'Side']);

    const updated = await call('updateBranch', 'PATCH', `${base}/${created.id}`, {
      body: { title: 'Side quest', isActive: false },
    });
    expect(updated.body.data.branch).toMatchObject({ title: 'Side quest', isActive: false });

    const main = listed[0];
    const refused = await call('deleteBranch', 'DELETE', `${base}/${main.id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('The main branch cannot be deleted');

    expect((await call('deleteBranch', 'DELETE', `${base}/${created.id}`)).body).toEqual({
      success: true,
    });
    expect((await call('listBranches', 'GET', base)).body.data.branches).toHaveLength(1);
    expect(
      (await call('updateBranch', 'PATCH', `${base}/${created.id}`, { body: { title: 'x' } }))
        .status,
    ).toBe(404);
  });

  it("merges a branch's own messages into its parent and answers the (now inactive) branch", async () => {
    const { call, conversation, history, sendOnBranch, messages } =
      await conversationWithHistory(1);
    const base = `/conversations/${conversation.id}/branches`;
    const branch = (await call('createBranch', 'POST', base, { body: { title: 'Idea' } })).body.data
      .branch;
    await sendOnBranch(conversation.id, branch.id, 'Try a day trip to Sintra.');

    const merged = await call('mergeBranch', 'POST', `${base}/${branch.id}/merge`);
    expect(merged.status).toBe(200);
    expect(merged.body.data.branch).toMatchObject({
      id: branch.id,
      isActive: false,
      messageCount: 2,
    });

    const main: Message[] = await messages(conversation.id);
    expect(main).toHaveLength(history.length + 2);
    expect(main.slice(-2).map((m) => m.content)[0]).toBe('Try a day trip to Sintra.');
    expect(main.slice(-2).every((m) => m.branchId === history[0]?.branchId)).toBe(true);

    // A second merge brings nothing new; merging main is refused.
    await call('mergeBranch', 'POST', `${base}/${branch.id}/merge`);
    expect(await messages(conversation.id)).toHaveLength(history.length + 2);
    const mainId = history[0]?.branchId;
    const mergeMain = await call('mergeBranch', 'POST', `${base}/${mainId}/merge`);
    expect(mergeMain.status).toBe(400);
    expectDocumentedRefusal('mergeBranch', 400, mergeMain.body);
  });

  it('returns the real branch tree: main at the root, forks under the branch they forked from', async () => {
    const { call, conversation, history, sendOnBranch } = await conversationWithHistory(1);
    const fork = async (forkPointMessageId: string, title: string) =>
      (
        await call('forkConversation', 'POST', `/conversations/${conversation.id}/fork`, {
          body: { forkPointMessageId, title },
        })
      ).body.data.branch;
    const child = await fork(history[1]?.id as string, 'child');
    const { message } = await sendOnBranch(conversation.id, child.id, 'Deeper.');
    const grandchild = await fork(message.id, 'grandchild');
    const sibling = await fork(history[0]?.id as string, 'sibling');

    const tree = (
      await call('getConversationTree', 'GET', `/conversations/${conversation.id}/tree`)
    ).body.data;
    expect(tree.mainBranch.isMain).toBe(true);
    expect(tree.branches).toHaveLength(1);
    const [root] = tree.branches;
    expect(root.branch).toMatchObject({ id: tree.mainBranch.id, _count: { messages: 2 } });
    expect(root.children.map((node: { branch: { id: string } }) => node.branch.id)).toEqual([
      child.id,
      sibling.id,
    ]);
    expect(root.children[0].branch._count.messages).toBe(2);
    expect(root.children[0].children[0].branch.id).toBe(grandchild.id);
    expect(root.children[0].children[0].children).toEqual([]);

    // Deleting the middle branch re-hangs its fork under the nearest live ancestor.
    await call('deleteBranch', 'DELETE', `/conversations/${conversation.id}/branches/${child.id}`);
    const pruned = (
      await call('getConversationTree', 'GET', `/conversations/${conversation.id}/tree`)
    ).body.data;
    expect(
      pruned.branches[0].children.map((node: { branch: { id: string } }) => node.branch.id),
    ).toEqual([grandchild.id, sibling.id]);
  });
});
