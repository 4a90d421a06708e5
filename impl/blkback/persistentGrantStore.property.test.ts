import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PersistentGrantStore } from './persistentGrantStore.js';
import { SimpleStoreModel } from './simpleStoreModel.js';
import { BrokenAcceptsDuplicateStore, BrokenPurgesActiveStore } from './brokenStores.js';
import type { PersistentGrantStoreApi } from './persistentGrantStoreApi.js';
import { runStoreCommands, storeCommandsArb, storeInvariantViolations } from './storeCommands.js';
import { rbTreeViolations } from './rbtreeInvariants.js';
import { RbTree, compareNumbers } from './rbtree.js';

// Small limits so the limit, overflow, LRU pass and timeout all happen often.
// Below 100 the LRU quota is only the excess over the limit, so `setMax`
// commands (lowering the limit under the node count) are what drive pass 2.
const MAX = 4;
const UNUSED = 10;
const limits = { min: 1, max: 6 };
const cleanRuns = storeCommandsArb({ grefs: 8, includeMisuse: false, maxGrantsRange: limits });
const anyRuns = storeCommandsArb({ grefs: 8, includeMisuse: true, maxGrantsRange: limits });
type Factory = () => PersistentGrantStoreApi;
const real: Factory = () => new PersistentGrantStore({ maxGrants: MAX, unusedSeconds: UNUSED });

/** Counters and membership stay exact after every command of a well-behaved caller. */
const countersProperty = (make: Factory) =>
  fc.property(cleanRuns, (cmds) => {
    runStoreCommands(make(), cmds, (store, held) => {
      expect(storeInvariantViolations(store, held)).toEqual([]);
    });
  });

/** Same observable behaviour as the naive oracle, misuse included. */
const agreesWithModelProperty = (make: Factory) =>
  fc.property(anyRuns, (cmds) => {
    const expected = runStoreCommands(new SimpleStoreModel(MAX, UNUSED), cmds);
    expect(runStoreCommands(make(), cmds)).toEqual(expected);
  });

describe('PersistentGrantStore properties', () => {
  it('count = nodes and inUse = active nodes after every command', () => {
    fc.assert(countersProperty(real), { numRuns: 400 });
  });

  it('agrees with the Map-based oracle on every result and every observable', () => {
    fc.assert(agreesWithModelProperty(real), { numRuns: 400 });
  });

  it('its tree stays a valid red-black tree under store operations', () => {
    // Reach into the tree through a subclass rather than widening the public API.
    class Inspectable extends PersistentGrantStore {
      treeProblems(): string[] {
        const t: RbTree<number, unknown> = this.tree;
        return rbTreeViolations(t.rootView(), compareNumbers, t.size);
      }
    }
    fc.assert(
      fc.property(storeCommandsArb({ grefs: 64, includeMisuse: false, maxGrantsRange: { min: 1, max: 60 }, maxLength: 200 }), (cmds) => {
        const s = new Inspectable({ maxGrants: 48, unusedSeconds: UNUSED });
        runStoreCommands(s, cmds, () => expect(s.treeProblems()).toEqual([]));
      }),
      { numRuns: 150 },
    );
  });
});

describe('the deliberately broken stores are caught', () => {
  // Fixed seeds keep these deterministic; each property must find a counterexample.
  const settings = { numRuns: 500, seed: 20240611 };

  for (const [name, make] of [
    ['BrokenAcceptsDuplicateStore', () => new BrokenAcceptsDuplicateStore({ maxGrants: MAX, unusedSeconds: UNUSED })],
    ['BrokenPurgesActiveStore', () => new BrokenPurgesActiveStore({ maxGrants: MAX, unusedSeconds: UNUSED })],
  ] as const) {
    it(`${name} fails the counter invariants`, () => {
      expect(fc.check(countersProperty(make), settings).failed).toBe(true);
    });
    it(`${name} disagrees with the oracle`, () => {
      expect(fc.check(agreesWithModelProperty(make), settings).failed).toBe(true);
    });
  }
});
