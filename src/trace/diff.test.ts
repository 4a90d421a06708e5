import { describe, expect, it } from 'vitest';
import { diffStates } from './diff.js';

describe('diffStates', () => {
  it('lists changed, added and removed scalars by path', () => {
    expect(diffStates({ a: 1, b: [true, false], c: 'x' }, { a: 2, b: [true, true] })).toEqual([
      { path: 'a', before: 1, after: 2 },
      { path: 'b[1]', before: false, after: true },
      { path: 'c', before: 'x', after: undefined },
    ]);
  });

  it('reports an array that became non-empty (or empty) by its elements only', () => {
    const empty = { nodes: [], size: 0 };
    const one = { nodes: [{ gref: 0, state: 'Active' }], size: 1 };
    expect(diffStates(empty, one)).toEqual([
      { path: 'nodes[0].gref', before: undefined, after: 0 },
      { path: 'nodes[0].state', before: undefined, after: 'Active' },
      { path: 'size', before: 0, after: 1 },
    ]);
    expect(diffStates(one, empty)).toEqual([
      { path: 'size', before: 1, after: 0 },
      { path: 'nodes[0].gref', before: 0, after: undefined },
      { path: 'nodes[0].state', before: 'Active', after: undefined },
    ]);
  });

  it('still reports an empty array against a scalar or a missing field', () => {
    expect(diffStates({ d: 3 }, { d: [] })).toEqual([{ path: 'd', before: 3, after: [] }]);
    expect(diffStates({}, { d: [] })).toEqual([{ path: 'd', before: undefined, after: [] }]);
  });
});
