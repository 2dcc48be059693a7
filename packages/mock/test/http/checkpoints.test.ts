import { describe, expect, it } from 'vitest';
import { AUTO_CHECKPOINT_INTERVAL } from '../../src/domain/checkpoints.js';
import { expectDocumentedRefusal, setup } from '../helpers.js';

type Message = { id: string; content: string; branchId: string };

const PROMPTS = [
  'I want to plan a trip to Lisbon in spring.',
  'Which neighbourhoods in Lisbon are best for food?',
  'How many days should the Lisbon trip last?',
];

async function conversationWithPrompts(prompts = PROMPTS) {
  const api = setup();
  const conversation = await api.createConversation();
  for (const content of prompts) await api.send(conversation.id, { content });
  const history: Message[] = await api.messages(conversation.id);
  return { ...api, conversation, history, mainId: history[0]?.branchId as string };
}

describe('checkpoints', () => {
  it('summarises the branch up to the anchor, in snake_case, with its token count', async () => {
    const { call, conversation, history, mainId } = await conversationWithPrompts();
    const anchor = history[3] as Message;
    const created = await call(
      'createCheckpoint',
      'POST',
      `/conversations/${conversation.id}/checkpoints`,
      {
        body: { branchId: mainId, anchorMessageId: anchor.id },
      },
    );
    expect(created.status).toBe(201);
    const checkpoint = created.body.data.checkpoint;
    expect(checkpoint).toMatchObject({
      conversation_id: conversation.id,
      branch_id: mainId,
      anchor_message_id: anchor.id,
    });
    expect(checkpoint.id).toMatch(/^cp_/);
    expect(checkpoint.summary).toMatch(/^Summary of 4 messages\. /);
    // Extractive: every quoted sentence comes from the messages it covers, and none after.
    expect(checkpoint.summary).toContain('User: I want to plan a trip to Lisbon in spring.');
    expect(checkpoint.summary).not.toContain('How many days');
    expect(checkpoint.token_count).toBe(Math.ceil(checkpoint.summary.length / 4));
  });

  it('is used by the next reply, and the reply metadata says so', async () => {
    const { call, conversation, history, mainId, send } = await conversationWithPrompts();
    const before = await send(conversation.id, { content: 'What should I pack?' });
    expect(before.message.metadata).toMatchObject({
      checkpoint_used: false,
      context_message_count: 7,
    });

    await call('createCheckpoint', 'POST', `/conversations/${conversation.id}/checkpoints`, {
      body: { branchId: mainId, anchorMessageId: (history[3] as Message).id },
    });
    const after = await send(conversation.id, { content: 'What should I pack?' });
    // Messages after the anchor: 2 + the "pack" exchange (2), plus the prompt.
    expect(after.message.metadata).toMatchObject({
      checkpoint_used: true,
      context_message_count: 5,
    });
    expect(after.message.content).toContain('summary');
    expect(after.usage.promptTokens).toBe(after.message.metadata.prompt_tokens);
  });

  it('refuses an anchor that is not in the branch', async () => {
    const { call, conversation, history } = await conversationWithPrompts();
    const base = `/conversations/${conversation.id}`;
    const side = (
      await call('createBranch', 'POST', `${base}/branches`, {
        body: { title: 'side', baseNodeId: history[1]?.id },
      })
    ).body.data.branch;
    const refused = await call('createCheckpoint', 'POST', `${base}/checkpoints`, {
      body: { branchId: side.id, anchorMessageId: history[5]?.id },
    });
    expect(refused.status).toBe(400);
    expectDocumentedRefusal('createCheckpoint', 400, refused.body);
    const missing = await call('createCheckpoint', 'POST', `${base}/checkpoints`, {
      body: { branchId: side.id },
    });
    expect(missing.status).toBe(400);
    expectDocumentedRefusal('createCheckpoint', 400, missing.body);
  });

  it('recreate keeps the id and extends the summary to the latest message', async () => {
    const { call, conversation, history, mainId, send } = await conversationWithPrompts();
    const base = `/conversations/${conversation.id}`;
    const original = (
      await call('createCheckpoint', 'POST', `${base}/checkpoints`, {
        body: { branchId: mainId, anchorMessageId: (history[1] as Message).id },
      })
    ).body.data.checkpoint;
    const { message } = await send(conversation.id, {
      content: 'Is the Lisbon metro easy to use?',
    });

    const recreated = await call(
      'recreateCheckpoint',
      'POST',
      `/checkpoints/${original.id}/recreate`,
    );
    expect(recreated.status).toBe(200);
    const checkpoint = recreated.body.data.checkpoint;
    expect(checkpoint.id).toBe(original.id);
    expect(checkpoint.anchor_message_id).toBe(message.id);
    expect(checkpoint.summary).toMatch(/^Summary of 8 messages\./);
    expect(checkpoint.summary).toContain('User: Is the Lisbon metro easy to use?');
    expect(original.summary).not.toContain('metro');
    expect(checkpoint.token_count).toBe(Math.ceil(checkpoint.summary.length / 4));
  });

  it('lists (optionally per branch) and deletes checkpoints', async () => {
    const { call, conversation, history, mainId } = await conversationWithPrompts();
    const base = `/conversations/${conversation.id}`;
    const side = (
      await call('createBranch', 'POST', `${base}/branches`, { body: { title: 'side' } })
    ).body.data.branch;
    const onMain = (
      await call('createCheckpoint', 'POST', `${base}/checkpoints`, {
        body: { branchId: mainId, anchorMessageId: history[1]?.id },
      })
    ).body.data.checkpoint;
    await call('createCheckpoint', 'POST', `${base}/checkpoints`, {
      body: { branchId: side.id, anchorMessageId: history[3]?.id },
    });

    expect(
      (await call('listCheckpoints', 'GET', `${base}/checkpoints`)).body.data.checkpoints,
    ).toHaveLength(2);
    const mainOnly = await call('listCheckpoints', 'GET', `${base}/checkpoints?branchId=${mainId}`);
    expect(mainOnly.body.data.checkpoints.map((c: { id: string }) => c.id)).toEqual([onMain.id]);

    expect((await call('deleteCheckpoint', 'DELETE', `/checkpoints/${onMain.id}`)).body).toEqual({
      success: true,
    });
    expect(
      (await call('listCheckpoints', 'GET', `${base}/checkpoints?branchId=${mainId}`)).body.data
        .checkpoints,
    ).toEqual([]);
    expect(
      (await call('recreateCheckpoint', 'POST', `/checkpoints/${onMain.id}/recreate`)).status,
    ).toBe(404);
  });

  it(`checkpoints a branch by itself every ${AUTO_CHECKPOINT_INTERVAL} messages`, async () => {
    const exchanges = AUTO_CHECKPOINT_INTERVAL / 2;
    const prompts = Array.from(
      { length: exchanges + 1 },
      (_, index) => `Tell me fact ${index} about Portugal.`,
    );
    const { call, conversation, history, mainId, send } = await conversationWithPrompts(
      prompts.slice(0, exchanges),
    );
    const listed = (
      await call('listCheckpoints', 'GET', `/conversations/${conversation.id}/checkpoints`)
    ).body.data.checkpoints;
    expect(history).toHaveLength(AUTO_CHECKPOINT_INTERVAL);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ branch_id: mainId, anchor_message_id: history.at(-1)?.id });

    const next = await send(conversation.id, { content: prompts.at(-1) as string });
    expect(next.message.metadata).toMatchObject({
      checkpoint_used: true,
      context_message_count: 1,
    });
  });
});
