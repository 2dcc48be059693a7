import { describe, expect, it } from 'vitest';
import { type ConversationTree, contextInfo, renderTree, type TreeNode } from '../../src/index.js';
import * as fx from '../support/fixtures.js';

const node = (
  title: string,
  isMain: boolean,
  messages: number | undefined,
  children: TreeNode[] = [],
) => ({
  branch: {
    ...fx.branch(title.toLowerCase(), isMain, title),
    ...(messages !== undefined && { _count: { messages } }),
  },
  children,
});

describe('renderTree', () => {
  it('draws titles, message counts and the main branch, forks under their parent', () => {
    const tree: ConversationTree = {
      conversation: fx.conversation('conv_1', 'Trip to Lisbon'),
      branches: [
        node('Main', true, 6, [
          node('Budget version', false, 2, [node('Hostels only', false, 1)]),
          node('Luxury version', false, undefined),
        ]),
      ],
    };
    expect(renderTree(tree)).toBe(
      [
        'Trip to Lisbon',
        '└── Main [main] · 6 messages',
        '    ├── Budget version · 2 messages',
        '    │   └── Hostels only · 1 message',
        '    └── Luxury version',
      ].join('\n'),
    );
  });

  it('falls back to messageCount, and draws an empty tree as its title', () => {
    const main = { branch: { ...fx.branch('m', true, 'Main'), messageCount: 0 }, children: [] };
    const conversation = fx.conversation('c', 'Empty');
    expect(renderTree({ conversation, branches: [main] })).toBe(
      'Empty\n└── Main [main] · 0 messages',
    );
    expect(renderTree({ conversation, branches: [] })).toBe('Empty');
  });
});

describe('contextInfo', () => {
  it('reads the snake_case context metadata of a reply', () => {
    const reply = {
      ...fx.message('m', 'assistant'),
      metadata: {
        checkpoint_used: true,
        context_truncated: false,
        prompt_tokens: 812,
        context_message_count: 4,
      },
    };
    expect(contextInfo(reply)).toEqual({
      checkpointUsed: true,
      contextTruncated: false,
      promptTokens: 812,
      contextMessageCount: 4,
    });
  });

  it('defaults to no checkpoint and no truncation without metadata', () => {
    expect(contextInfo(fx.message('m'))).toEqual({
      checkpointUsed: false,
      contextTruncated: false,
    });
  });
});
