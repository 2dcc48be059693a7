import type { ConversationTree, TreeNode } from '@chatroutes/fetch/contract';

/**
 * A text picture of a conversation's branch tree: one line per branch with its title and
 * message count, the main branch marked, forks indented under the branch they came from.
 *
 *     Trip planning
 *     └── Main [main] · 4 messages
 *         ├── Budget option · 2 messages
 *         └── Luxury option · 1 message
 */
export function renderTree(tree: ConversationTree): string {
  const lines = [tree.conversation?.title ?? 'Conversation'];
  const walk = (nodes: TreeNode[], indent: string) => {
    nodes.forEach((node, index) => {
      const last = index === nodes.length - 1;
      lines.push(`${indent}${last ? '└── ' : '├── '}${describe(node)}`);
      walk(node.children ?? [], `${indent}${last ? '    ' : '│   '}`);
    });
  };
  walk(tree.branches ?? [], '');
  return lines.join('\n');
}

function describe({ branch }: TreeNode): string {
  const count = branch._count?.messages ?? branch.messageCount;
  const main = branch.isMain ? ' [main]' : '';
  const messages = count === undefined ? '' : ` · ${count} message${count === 1 ? '' : 's'}`;
  return `${branch.title}${main}${messages}`;
}
