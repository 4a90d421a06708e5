/**
 * A red-black tree map with unique keys, as blkback uses `lib/rbtree.c` for
 * `ring->persistent_gnts` (keyed by gref, ordered by numeric value).
 *
 * Contracts:
 * - Keys are unique: {@link RbTree.insert} refuses a key that is present and
 *   reports the existing value, mirroring the `-EINVAL` branch of
 *   `add_persistent_gnt` (the caller decides what to do).
 * - Iteration ({@link RbTree.entries}, `keys`, `values`) is in ascending key
 *   order and returns a snapshot array, so the caller may delete while walking
 *   it. That is the same guarantee as Linux's `foreach_grant_safe` (which reads
 *   `rb_next` before the body may `rb_erase` the current node).
 * - The comparator must be a strict total order, consistent across calls.
 *
 * The algorithm is the textbook one (CLRS ch. 13) with null leaves: insertion
 * recolours/rotates upward; deletion of a node with two children first swaps
 * in its in-order successor's key and value, so only nodes with at most one
 * child are ever unlinked. Internal nodes are never handed out, which is what
 * makes that swap safe.
 */

export type RbColor = 'red' | 'black';

/** A read-only view of a tree node, for invariant checkers and debugging. */
export interface RbNodeView<K, V> {
  readonly key: K;
  readonly value: V;
  readonly color: RbColor;
  readonly left: RbNodeView<K, V> | null;
  readonly right: RbNodeView<K, V> | null;
  readonly parent: RbNodeView<K, V> | null;
}

export type RbInsertResult<V> =
  | { readonly inserted: true }
  | { readonly inserted: false; readonly existing: V };

export type RbDeleteResult<V> =
  | { readonly deleted: true; readonly value: V }
  | { readonly deleted: false };

interface RbNode<K, V> {
  key: K;
  value: V;
  color: RbColor;
  left: RbNode<K, V> | null;
  right: RbNode<K, V> | null;
  parent: RbNode<K, V> | null;
}

/** Ascending numeric order; the default comparator (grefs are u32, so subtraction is exact). */
export const compareNumbers = (a: number, b: number): number => a - b;

// Null leaves are black; these helpers let the fix-up loops treat them uniformly.
function colorOf<K, V>(n: RbNode<K, V> | null): RbColor {
  return n === null ? 'black' : n.color;
}
function setColor<K, V>(n: RbNode<K, V> | null, c: RbColor): void {
  if (n !== null) n.color = c;
}
function parentOf<K, V>(n: RbNode<K, V> | null): RbNode<K, V> | null {
  return n === null ? null : n.parent;
}
function leftOf<K, V>(n: RbNode<K, V> | null): RbNode<K, V> | null {
  return n === null ? null : n.left;
}
function rightOf<K, V>(n: RbNode<K, V> | null): RbNode<K, V> | null {
  return n === null ? null : n.right;
}

export class RbTree<K, V> {
  private root: RbNode<K, V> | null = null;
  private count = 0;

  constructor(private readonly compare: (a: K, b: K) => number) {}

  /** Number of keys in the tree. */
  get size(): number {
    return this.count;
  }

  get(key: K): V | undefined {
    const n = this.find(key);
    return n === null ? undefined : n.value;
  }

  has(key: K): boolean {
    return this.find(key) !== null;
  }

  /** Adds `key`; refuses (and leaves the tree unchanged) if the key is present. */
  insert(key: K, value: V): RbInsertResult<V> {
    let parent: RbNode<K, V> | null = null;
    let cur = this.root;
    let goLeft = false;
    while (cur !== null) {
      const c = this.compare(key, cur.key);
      if (c === 0) return { inserted: false, existing: cur.value };
      parent = cur;
      goLeft = c < 0;
      cur = goLeft ? cur.left : cur.right;
    }
    const node: RbNode<K, V> = { key, value, color: 'red', left: null, right: null, parent };
    if (parent === null) this.root = node;
    else if (goLeft) parent.left = node;
    else parent.right = node;
    this.count++;
    this.fixAfterInsert(node);
    return { inserted: true };
  }

  /** Removes `key` if present and returns its value. */
  delete(key: K): RbDeleteResult<V> {
    const n = this.find(key);
    if (n === null) return { deleted: false };
    const value = n.value;
    this.unlink(n);
    this.count--;
    return { deleted: true, value };
  }

  /** Removes everything. */
  clear(): void {
    this.root = null;
    this.count = 0;
  }

  /** Snapshot of `[key, value]` pairs in ascending key order. */
  entries(): Array<[K, V]> {
    const out: Array<[K, V]> = [];
    // Iterative in-order walk: trees here are small, but recursion depth is
    // bounded by 2·log2(n+1) anyway; iteration just avoids the question.
    const stack: RbNode<K, V>[] = [];
    let cur = this.root;
    while (cur !== null || stack.length > 0) {
      while (cur !== null) {
        stack.push(cur);
        cur = cur.left;
      }
      const n = stack.pop();
      if (n === undefined) break;
      out.push([n.key, n.value]);
      cur = n.right;
    }
    return out;
  }

  keys(): K[] {
    return this.entries().map(([k]) => k);
  }

  values(): V[] {
    return this.entries().map(([, v]) => v);
  }

  /** The root as a read-only view (null when empty), for invariant checks. */
  rootView(): RbNodeView<K, V> | null {
    return this.root;
  }

  private find(key: K): RbNode<K, V> | null {
    let cur = this.root;
    while (cur !== null) {
      const c = this.compare(key, cur.key);
      if (c === 0) return cur;
      cur = c < 0 ? cur.left : cur.right;
    }
    return null;
  }

  private unlink(target: RbNode<K, V>): void {
    let p = target;
    if (p.left !== null && p.right !== null) {
      // Two children: move the successor's entry here and unlink the successor.
      let s = p.right;
      while (s.left !== null) s = s.left;
      p.key = s.key;
      p.value = s.value;
      p = s;
    }
    const replacement = p.left !== null ? p.left : p.right;
    if (replacement !== null) {
      replacement.parent = p.parent;
      this.replaceChild(p.parent, p, replacement);
      p.left = p.right = p.parent = null;
      if (p.color === 'black') this.fixAfterDelete(replacement);
    } else if (p.parent === null) {
      this.root = null;
    } else {
      // A leaf: use it as the phantom "double black" before detaching it.
      if (p.color === 'black') this.fixAfterDelete(p);
      if (p.parent !== null) {
        if (p === p.parent.left) p.parent.left = null;
        else if (p === p.parent.right) p.parent.right = null;
        p.parent = null;
      }
    }
  }

  private replaceChild(
    parent: RbNode<K, V> | null,
    oldChild: RbNode<K, V>,
    newChild: RbNode<K, V> | null,
  ): void {
    if (parent === null) this.root = newChild;
    else if (oldChild === parent.left) parent.left = newChild;
    else parent.right = newChild;
  }

  private rotateLeft(x: RbNode<K, V> | null): void {
    if (x === null || x.right === null) return;
    const y = x.right;
    x.right = y.left;
    if (y.left !== null) y.left.parent = x;
    y.parent = x.parent;
    this.replaceChild(x.parent, x, y);
    y.left = x;
    x.parent = y;
  }

  private rotateRight(x: RbNode<K, V> | null): void {
    if (x === null || x.left === null) return;
    const y = x.left;
    x.left = y.right;
    if (y.right !== null) y.right.parent = x;
    y.parent = x.parent;
    this.replaceChild(x.parent, x, y);
    y.right = x;
    x.parent = y;
  }

  private fixAfterInsert(node: RbNode<K, V>): void {
    let x: RbNode<K, V> | null = node;
    while (x !== null && x !== this.root && colorOf(x.parent) === 'red') {
      const parent: RbNode<K, V> | null = parentOf(x);
      const grand: RbNode<K, V> | null = parentOf(parent);
      if (parent === leftOf(grand)) {
        const uncle = rightOf(grand);
        if (colorOf(uncle) === 'red') {
          setColor(parent, 'black');
          setColor(uncle, 'black');
          setColor(grand, 'red');
          x = grand;
        } else {
          if (x === rightOf(parent)) {
            x = parent;
            this.rotateLeft(x);
          }
          setColor(parentOf(x), 'black');
          setColor(parentOf(parentOf(x)), 'red');
          this.rotateRight(parentOf(parentOf(x)));
        }
      } else {
        const uncle = leftOf(grand);
        if (colorOf(uncle) === 'red') {
          setColor(parent, 'black');
          setColor(uncle, 'black');
          setColor(grand, 'red');
          x = grand;
        } else {
          if (x === leftOf(parent)) {
            x = parent;
            this.rotateRight(x);
          }
          setColor(parentOf(x), 'black');
          setColor(parentOf(parentOf(x)), 'red');
          this.rotateLeft(parentOf(parentOf(x)));
        }
      }
    }
    setColor(this.root, 'black');
  }

  private fixAfterDelete(node: RbNode<K, V>): void {
    let x: RbNode<K, V> | null = node;
    while (x !== this.root && colorOf(x) === 'black') {
      if (x === leftOf(parentOf(x))) {
        let sib = rightOf(parentOf(x));
        if (colorOf(sib) === 'red') {
          setColor(sib, 'black');
          setColor(parentOf(x), 'red');
          this.rotateLeft(parentOf(x));
          sib = rightOf(parentOf(x));
        }
        if (colorOf(leftOf(sib)) === 'black' && colorOf(rightOf(sib)) === 'black') {
          setColor(sib, 'red');
          x = parentOf(x);
        } else {
          if (colorOf(rightOf(sib)) === 'black') {
            setColor(leftOf(sib), 'black');
            setColor(sib, 'red');
            this.rotateRight(sib);
            sib = rightOf(parentOf(x));
          }
          setColor(sib, colorOf(parentOf(x)));
          setColor(parentOf(x), 'black');
          setColor(rightOf(sib), 'black');
          this.rotateLeft(parentOf(x));
          x = this.root;
        }
      } else {
        let sib = leftOf(parentOf(x));
        if (colorOf(sib) === 'red') {
          setColor(sib, 'black');
          setColor(parentOf(x), 'red');
          this.rotateRight(parentOf(x));
          sib = leftOf(parentOf(x));
        }
        if (colorOf(rightOf(sib)) === 'black' && colorOf(leftOf(sib)) === 'black') {
          setColor(sib, 'red');
          x = parentOf(x);
        } else {
          if (colorOf(leftOf(sib)) === 'black') {
            setColor(rightOf(sib), 'black');
            setColor(sib, 'red');
            this.rotateLeft(sib);
            sib = leftOf(parentOf(x));
          }
          setColor(sib, colorOf(parentOf(x)));
          setColor(parentOf(x), 'black');
          setColor(leftOf(sib), 'black');
          this.rotateRight(parentOf(x));
          x = this.root;
        }
      }
    }
    setColor(x, 'black');
  }
}
