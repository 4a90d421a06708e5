import type { RbNodeView } from './rbtree.js';

/**
 * Checks the red-black and search-tree invariants of a tree given its root
 * view, and returns every violation found (empty when the tree is valid):
 *
 * 1. the root is black;
 * 2. no red node has a red child;
 * 3. every root-to-leaf path has the same number of black nodes;
 * 4. an in-order walk is strictly ascending under `compare`;
 * 5. parent pointers agree with child pointers;
 * 6. the node count equals `expectedSize` (when given).
 *
 * Used by property tests; cheap enough (O(n)) to call after every operation.
 */
export function rbTreeViolations<K, V>(
  root: RbNodeView<K, V> | null,
  compare: (a: K, b: K) => number,
  expectedSize?: number,
): string[] {
  const problems: string[] = [];
  if (root !== null && root.color !== 'black') problems.push('root is red');
  if (root !== null && root.parent !== null) problems.push('root has a parent');

  let nodes = 0;
  let prev: { key: K } | null = null;

  // Returns the black height of the subtree (null leaves count as 1).
  const walk = (n: RbNodeView<K, V> | null): number => {
    if (n === null) return 1;
    nodes++;
    for (const child of [n.left, n.right]) {
      if (child === null) continue;
      if (child.parent !== n) problems.push(`parent pointer of ${String(child.key)} is wrong`);
      if (n.color === 'red' && child.color === 'red') {
        problems.push(`red node ${String(n.key)} has red child ${String(child.key)}`);
      }
    }
    const lh = walk(n.left);
    if (prev !== null && compare(prev.key, n.key) >= 0) {
      problems.push(`in-order not ascending at ${String(prev.key)} then ${String(n.key)}`);
    }
    prev = { key: n.key };
    const rh = walk(n.right);
    if (lh !== rh) problems.push(`black heights differ under ${String(n.key)}: ${lh} vs ${rh}`);
    return lh + (n.color === 'black' ? 1 : 0);
  };
  walk(root);

  if (expectedSize !== undefined && nodes !== expectedSize) {
    problems.push(`size is ${expectedSize} but the tree holds ${nodes} nodes`);
  }
  return problems;
}
