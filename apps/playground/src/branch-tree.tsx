import type { BranchNode } from '@chatroutes/react';
import type { KeyboardEvent } from 'react';

/**
 * The branch tree (WAI-ARIA tree pattern): click a branch, or move with the arrow keys and
 * press Enter, to show it. The active branch is the tree's one tab stop.
 */
export function BranchTree({
  tree,
  activeBranchId,
  onSwitch,
}: {
  tree: readonly BranchNode[];
  activeBranchId: string | undefined;
  onSwitch: (branchId: string) => Promise<void>;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLElement>, branchId: string) => {
    event.stopPropagation();
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      void onSwitch(branchId);
      return;
    }
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const items = [
      ...(event.currentTarget
        .closest('[role="tree"]')
        ?.querySelectorAll<HTMLElement>('[role="treeitem"]') ?? []),
    ];
    items[items.indexOf(event.currentTarget) + step]?.focus();
  };
  const items = (nodes: readonly BranchNode[], level: number) =>
    nodes.map(({ branch, children }) => (
      <div
        key={branch.id}
        role="treeitem"
        aria-level={level}
        aria-selected={branch.id === activeBranchId}
        aria-expanded={children.length > 0 ? true : undefined}
        tabIndex={branch.id === activeBranchId ? 0 : -1}
        onClick={(event) => {
          event.stopPropagation();
          void onSwitch(branch.id);
        }}
        onKeyDown={(event) => onKeyDown(event, branch.id)}
      >
        <span className="branch-title">{branch.title}</span>
        {children.length > 0 && (
          // biome-ignore lint/a11y/useSemanticElements: the WAI-ARIA tree pattern's group of items
          <div role="group" className="group">
            {items(children, level + 1)}
          </div>
        )}
      </div>
    ));
  return (
    <nav className="tree-panel" aria-labelledby="branches-heading">
      <h2 id="branches-heading">Branches</h2>
      <div role="tree" aria-label="Branches" className="tree">
        {items(tree, 1)}
      </div>
    </nav>
  );
}
