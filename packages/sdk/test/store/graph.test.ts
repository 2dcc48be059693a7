import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/index.js';
import { acyclicOrder, ConversationGraph, replacementDescription } from '../../src/store/graph.js';
import { branch, conversation, message } from '../support/store.js';

const ids = (messages: readonly Message[]) => messages.map((m) => m.id);

describe('ConversationGraph', () => {
  const forked = () =>
    ConversationGraph.read(
      conversation(
        [
          branch('main'),
          branch('a', { parentBranchId: 'main', forkPointMessageId: 'm1' }),
          branch('b', { parentBranchId: 'a', forkPointMessageId: 'a0' }),
        ],
        [
          message('m0', 'main', 0),
          message('m1', 'main', 1, { role: 'assistant' }),
          message('m2', 'main', 2),
          message('a0', 'a', 3),
          message('b0', 'b', 4, { role: 'assistant' }),
        ],
      ),
    );

  it('derives each path as the parent history up to the fork point, then its own', () => {
    const graph = forked();
    expect(ids(graph.path('main'))).toEqual(['m0', 'm1', 'm2']);
    expect(ids(graph.path('a'))).toEqual(['m0', 'm1', 'a0']);
    expect(ids(graph.path('b'))).toEqual(['m0', 'm1', 'a0', 'b0']);
    expect(graph.node('m1')?.children.map((n) => n.message.id)).toEqual(['m2', 'a0']);
    expect(graph.treeParent('b')).toBe('a');
  });

  it('shares message objects with the graph it was read again from', () => {
    const first = forked();
    const again = ConversationGraph.read(
      conversation([branch('main')], [{ ...message('m0', 'main', 0) }]),
      first,
    );
    expect(again.path('main')[0]).toBe(first.path('main')[0]);
  });

  it('appends a reply in place, counts the change, and keeps the other paths', () => {
    const graph = forked();
    const version = graph.version;
    graph.append('a', message('a1', 'a', 5, { role: 'assistant' }));
    expect(graph.version).toBeGreaterThan(version);
    expect(ids(graph.path('a'))).toEqual(['m0', 'm1', 'a0', 'a1']);
    expect(ids(graph.path('b'))).toEqual(['m0', 'm1', 'a0', 'b0']);
  });

  it('hides a replaced first message, and knows a fork after it would read it', () => {
    const graph = ConversationGraph.read(
      conversation(
        [
          branch('main'),
          branch('r', {
            parentBranchId: 'main',
            forkPointMessageId: 'm0',
            description: replacementDescription('m0'),
          }),
        ],
        [
          message('m0', 'main', 0),
          message('r0', 'r', 1),
          message('r1', 'r', 2, { role: 'assistant' }),
        ],
      ),
    );
    expect(ids(graph.path('r'))).toEqual(['r0', 'r1']);
    expect(graph.roots.map((n) => n.message.id)).toEqual(['m0', 'r0']);
    expect(graph.hidesHistoryUpTo('r1')).toBe(true);
    expect(graph.hidesHistoryUpTo('m0')).toBe(false);
  });

  it('is incomplete while a fork point or counted messages are missing', () => {
    const graph = ConversationGraph.read(
      conversation(
        [
          branch('main', { messageCount: 2 }),
          branch('a', { parentBranchId: 'main', forkPointMessageId: 'gone' }),
        ],
        [message('m0', 'main', 0)],
      ),
    );
    expect(graph.isComplete('main')).toBe(false);
    expect(graph.isComplete('a')).toBe(false);
  });

  it('orders parents first without recursion and marks a cycle', () => {
    const parents: Record<string, string | undefined> = { a: 'b', b: 'a', c: 'a', d: undefined };
    const order = acyclicOrder(['c', 'a', 'b', 'd'], (id) => parents[id]);
    expect(
      order
        .filter((o) => o.cyclic)
        .map((o) => o.id)
        .sort(),
    ).toEqual(['a', 'b']);
    const position = (id: string) => order.findIndex((o) => o.id === id);
    expect(position('a')).toBeLessThan(position('c'));
    const deep = Array.from({ length: 100_000 }, (_, index) => `n${index}`);
    expect(acyclicOrder(deep, (id) => `n${Number(id.slice(1)) + 1}`)).toHaveLength(100_000);
  });
});
