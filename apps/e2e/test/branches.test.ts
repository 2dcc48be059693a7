import { contextInfo } from 'chatroutes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

/** A conversation with `turns` exchanges on its main branch; returns the replies. */
async function conversationWith(turns: number) {
  const { client } = stack;
  const conversation = await client.conversations.create({ title: 'History' });
  const replies = [];
  for (let i = 1; i <= turns; i++) {
    replies.push(await client.messages.send(conversation.id, { content: `Question number ${i}?` }));
  }
  return { conversation, replies };
}

describe('forks and their context', () => {
  it('a FULL fork sees the history up to the fork point, and nothing after it', async () => {
    const { client } = stack;
    const { conversation, replies } = await conversationWith(3);
    const forkPoint = replies[1]?.message.id ?? '';
    const fork = await client.branches.fork(conversation.id, {
      forkPointMessageId: forkPoint,
      title: 'From the second answer',
      contextMode: 'FULL',
    });
    expect(fork.parentBranchId).toBe((await client.branches.main(conversation.id)).id);
    expect(fork.messageCount ?? 0).toBe(0);
    expect(fork.forkPointMessageId).toBe(forkPoint);

    const reply = await client.branches.sendMessage(conversation.id, fork.id, {
      content: 'Go on.',
    });
    // Two inherited exchanges (4 messages) plus the new question.
    expect(contextInfo(reply.message).contextMessageCount).toBe(5);
    expect(reply.message.content).not.toContain('Question number 3');

    // A branch's messages are its history: inherited up to the fork point, then its own.
    const onFork = await client.branches.getMessages(conversation.id, fork.id);
    const main = await client.branches.main(conversation.id);
    expect(onFork.map((message) => message.content)).toEqual([
      'Question number 1?',
      replies[0]?.message.content,
      'Question number 2?',
      replies[1]?.message.content,
      'Go on.',
      reply.message.content,
    ]);
    expect(onFork.map((message) => message.branchId)).toEqual([
      ...Array(4).fill(main.id),
      fork.id,
      fork.id,
    ]);
    const onMain = await client.messages.list(conversation.id);
    expect(onMain).toHaveLength(6);
  });

  it('MINIMAL sees only its own messages; PARTIAL sees less than FULL', async () => {
    const { client } = stack;
    const { conversation, replies } = await conversationWith(6);
    const forkPoint = replies.at(-1)?.message.id ?? '';
    const context = async (contextMode: 'FULL' | 'PARTIAL' | 'MINIMAL') => {
      const fork = await client.branches.fork(conversation.id, {
        forkPointMessageId: forkPoint,
        title: contextMode,
        contextMode,
      });
      const reply = await client.branches.sendMessage(conversation.id, fork.id, {
        content: 'Next?',
      });
      return contextInfo(reply.message).contextMessageCount ?? -1;
    };
    const full = await context('FULL');
    const partial = await context('PARTIAL');
    const minimal = await context('MINIMAL');
    expect(full).toBe(13);
    expect(minimal).toBe(1);
    expect(partial).toBeGreaterThan(minimal);
    expect(partial).toBeLessThan(full);
  });

  it('merges a branch into its parent, and refuses to delete the main branch', async () => {
    const { client } = stack;
    const { conversation, replies } = await conversationWith(1);
    const branch = await client.branches.create(conversation.id, {
      title: 'Side quest',
      baseNodeId: replies[0]?.message.id,
    });
    await client.branches.sendMessage(conversation.id, branch.id, { content: 'A side question?' });
    const merged = await client.branches.merge(conversation.id, branch.id);
    expect(merged.id).toBe(branch.id);
    const onMain = await client.messages.list(conversation.id);
    expect(onMain.map((message) => message.content)).toContain('A side question?');

    const main = await client.branches.main(conversation.id);
    await expect(client.branches.delete(conversation.id, main.id)).rejects.toMatchObject({
      status: 400,
      name: 'ValidationError',
    });
    const other = await client.branches.create(conversation.id, { title: 'Doomed' });
    await client.branches.delete(conversation.id, other.id);
    const titles = (await client.branches.list(conversation.id)).map((b) => b.title);
    expect(titles).not.toContain('Doomed');
    expect(stack.violations).toEqual([]);
  });

  it('draws forks under the branch they were forked from', async () => {
    const { client } = stack;
    const { conversation, replies } = await conversationWith(1);
    const child = await client.branches.fork(conversation.id, {
      forkPointMessageId: replies[0]?.message.id ?? '',
      title: 'Child',
    });
    const childReply = await client.branches.sendMessage(conversation.id, child.id, {
      content: 'Deeper?',
    });
    await client.branches.fork(conversation.id, {
      forkPointMessageId: childReply.message.id,
      title: 'Grandchild',
    });
    const tree = await client.conversations.getTree(conversation.id);
    expect(tree.branches).toHaveLength(1);
    const root = tree.branches[0];
    expect(root?.branch.isMain).toBe(true);
    expect(root?.children.map((node) => node.branch.title)).toEqual(['Child']);
    expect(root?.children[0]?.children.map((node) => node.branch.title)).toEqual(['Grandchild']);
  });
});
