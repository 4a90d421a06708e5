import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RbTree, compareNumbers } from './rbtree.js';
import { rbTreeViolations } from './rbtreeInvariants.js';

const violations = (t: RbTree<number, string>): string[] =>
  rbTreeViolations(t.rootView(), compareNumbers, t.size);

describe('RbTree', () => {
  it('refuses a duplicate key and keeps the first value', () => {
    const t = new RbTree<number, string>(compareNumbers);
    expect(t.insert(7, 'a')).toEqual({ inserted: true });
    expect(t.insert(7, 'b')).toEqual({ inserted: false, existing: 'a' });
    expect(t.get(7)).toBe('a');
    expect(t.size).toBe(1);
  });

  it('iterates in ascending order regardless of insertion order', () => {
    const t = new RbTree<number, string>(compareNumbers);
    for (const k of [50, 10, 90, 30, 70, 20, 80, 40, 60, 0]) t.insert(k, `v${k}`);
    expect(t.keys()).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(violations(t)).toEqual([]);
  });

  it('stays balanced under ascending insertion (the worst case for a plain BST)', () => {
    const t = new RbTree<number, string>(compareNumbers);
    for (let k = 0; k < 1024; k++) t.insert(k, '');
    expect(violations(t)).toEqual([]);
    // Height of a red-black tree is at most 2·log2(n+1).
    const height = (n: ReturnType<typeof t.rootView>): number =>
      n === null ? 0 : 1 + Math.max(height(n.left), height(n.right));
    expect(height(t.rootView())).toBeLessThanOrEqual(2 * Math.log2(1025));
  });

  it('deletes nodes with zero, one and two children', () => {
    const t = new RbTree<number, string>(compareNumbers);
    for (const k of [4, 2, 6, 1, 3, 5, 7, 8]) t.insert(k, `v${k}`);
    expect(t.delete(4)).toEqual({ deleted: true, value: 'v4' }); // root, two children
    expect(t.delete(7)).toEqual({ deleted: true, value: 'v7' }); // one child
    expect(t.delete(1)).toEqual({ deleted: true, value: 'v1' }); // leaf
    expect(t.delete(42)).toEqual({ deleted: false });
    expect(t.keys()).toEqual([2, 3, 5, 6, 8]);
    expect(t.values()).toEqual(['v2', 'v3', 'v5', 'v6', 'v8']);
    expect(violations(t)).toEqual([]);
  });

  it('entries() is a snapshot, so deleting while walking it is safe', () => {
    const t = new RbTree<number, string>(compareNumbers);
    for (let k = 0; k < 20; k++) t.insert(k, '');
    for (const [k] of t.entries()) if (k % 2 === 0) t.delete(k);
    expect(t.keys()).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    expect(violations(t)).toEqual([]);
  });

  it('the invariant checker reports a red root', () => {
    const fake = { key: 1, value: '', color: 'red' as const, left: null, right: null, parent: null };
    expect(rbTreeViolations(fake, compareNumbers, 1)).toEqual(['root is red']);
  });

  it('keeps its invariants and agrees with a Map under random insert/delete sequences', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), key: fc.integer({ min: 0, max: 63 }) }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 63 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const t = new RbTree<number, string>(compareNumbers);
        const m = new Map<number, string>();
        ops.forEach((o, i) => {
          if (o.kind === 'insert') {
            const r = t.insert(o.key, `v${i}`);
            expect(r.inserted).toBe(!m.has(o.key));
            if (!m.has(o.key)) m.set(o.key, `v${i}`);
          } else {
            const r = t.delete(o.key);
            expect(r).toEqual(m.has(o.key) ? { deleted: true, value: m.get(o.key) } : { deleted: false });
            m.delete(o.key);
          }
          expect(violations(t)).toEqual([]);
        });
        const expected = [...m.entries()].sort((a, b) => a[0] - b[0]);
        expect(t.entries()).toEqual(expected);
        expect(t.size).toBe(m.size);
        for (let k = 0; k < 64; k++) expect(t.get(k)).toBe(m.get(k));
      }),
      { numRuns: 300 },
    );
  });
});
