import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/index.js';
import { ConversationGraph } from '../../src/store/graph.js';
import { startReply } from '../../src/store/live-reply.js';
import { PathView, type ViewState } from '../../src/store/path-view.js';
import { branch, conversation, message } from '../support/store.js';

// Questions at even times, replies at odd ones.
const turn = (id: string, branchId: string, n: number, content = id): Message =>
  message(id, branchId, n, { role: n % 2 === 0 ? 'user' : 'assistant', content });
const state = (activeBranchId: string, fields: Partial<ViewState> = {}): ViewState => ({
  status: 'ready',
  activeBranchId,
  pending: undefined,
  error: undefined,
  unsent: undefined,
  live: undefined,
  checkpoints: new Map(),
  suggestions: undefined,
  ...fields,
});
const noKeys = new Map<string, string>();

// A question asked twice (a regenerate) beside an edit of it, after one exchange.
const regenerated = () =>
  ConversationGraph.read(
    conversation(
      [
        branch('main'),
        branch('again', { parentBranchId: 'main', forkPointMessageId: 'r0' }),
        branch('edit', { parentBranchId: 'main', forkPointMessageId: 'r0' }),
      ],
      [
        turn('q0', 'main', 0),
        turn('r0', 'main', 1),
        turn('q1', 'main', 2, 'Add a day trip'),
        turn('r1', 'main', 3),
        turn('q1b', 'again', 4, 'Add a day trip'),
        turn('r1b', 'again', 5),
        turn('q1c', 'edit', 6, 'Add a beach day'),
        turn('r1c', 'edit', 7),
      ],
    ),
  );

describe('PathView', () => {
  it('one version per question text; the replies of equal questions are versions', () => {
    const graph = regenerated();
    const view = new PathView('c');
    const path = view.project(graph, state('again'), noKeys).path;
    expect(path.map((e) => e.message.id)).toEqual(['q0', 'r0', 'q1b', 'r1b']);
    expect(path[2]?.alternatives).toMatchObject({ index: 0, count: 2, nextBranchId: 'edit' });
    expect(path[3]?.alternatives).toMatchObject({
      index: 1,
      count: 2,
      previousBranchId: 'main',
      nextBranchId: undefined,
    });
  });

  it('keeps every unchanged part while a reply streams', () => {
    const graph = regenerated();
    const view = new PathView('c');
    const live = startReply('c', 'main', 'r1', 'And a museum?', { user: 'k1', reply: 'k2' });
    const first = view.project(graph, state('main', { live, pending: 'send' }), noKeys);
    const more = { ...live, text: 'Yes' };
    const second = view.project(graph, state('main', { live: more, pending: 'send' }), noKeys);
    expect(second.path.slice(0, 5)).toEqual(first.path.slice(0, 5));
    for (let i = 0; i < 5; i++) expect(second.path[i]).toBe(first.path[i]);
    expect(second.path[5]?.message.content).toBe('Yes');
    expect(second.tree).toBe(first.tree);
    expect(second.streaming).toBe(true);
  });

  it('builds a branch tree thousands of forks deep without recursion', () => {
    const branches = [branch('main')];
    const messages = [turn('m', 'main', 0)];
    for (let n = 1; n <= 20_000; n++) {
      const parent = n === 1 ? 'main' : `b${n - 1}`;
      branches.push(branch(`b${n}`, { parentBranchId: parent, forkPointMessageId: 'm' }));
    }
    const graph = ConversationGraph.read(conversation(branches, messages));
    const tree = new PathView('c').project(graph, state('main'), noKeys).tree;
    let depth = 0;
    for (let node = tree[0]; node; node = node.children[0]) depth += 1;
    expect(depth).toBe(20_001);
  });

  it('extends the path after a reply exactly as a projection afresh would', () => {
    const graph = regenerated();
    // A third asking of the same question, not answered yet: one version of three members.
    graph.addBranch(branch('third', { parentBranchId: 'main', forkPointMessageId: 'r0' }));
    graph.append('third', turn('q1d', 'third', 8, 'Add a day trip'));
    const view = new PathView('c');
    const before = view.project(graph, state('third'), noKeys).path;
    graph.append('third', turn('r1d', 'third', 9), turn('q2d', 'third', 10));
    const extended = view.project(graph, state('third'), noKeys).path;
    const afresh = new PathView('c').project(graph, state('third'), noKeys).path;
    expect(extended.map((e) => [e.message.id, e.alternatives])).toEqual(
      afresh.map((e) => [e.message.id, e.alternatives]),
    );
    expect(extended[3]?.alternatives).toMatchObject({ index: 2, count: 3 });
    for (let i = 0; i < before.length; i++) expect(extended[i]).toBe(before[i]);
  });
});
