import { deepStrictEqual } from 'node:assert/strict';
import fc from 'fast-check';
import type { Gref } from '../common/ids.js';
import type { PersistentGrant } from './persistentGrant.js';
import type { PersistentGrantStoreApi } from './persistentGrantStoreApi.js';
import { ReferenceTree } from './referenceTree.js';

/**
 * Model-based testing (`fc.commands`) of any {@link PersistentGrantStoreApi} against the
 * blkif reference model's backend tree ({@link ReferenceTree}). The commands are the
 * reference model's backend actions as blkback performs them on the store:
 *
 * - `BackMap(g)`: a request names gref g. blkback first tries to reuse a persistent
 *   grant (`get`); when there is none, or it is in use, it maps g afresh and tries to
 *   keep the mapping (`add`), which may be refused at the limit or as a duplicate.
 * - `BackRespond(i)`: the i-th held persistent grant's request completes (`put`).
 * - `Tick(t)`, `Purge`: time passes; the LRU/timeout purge (the `lru` variant).
 * - `BackDisconnect`: teardown, refused while anything is in flight.
 * - `SetMax(n)`: the limit is changed at run time (sysfs).
 *
 * After every command the store's results and its observable state (every node's gref,
 * state, page, handle and last use; size, in-use count, overflow) must equal the model's.
 * A mismatch throws an AssertionError naming the command.
 */
export interface StoreModelState {
  readonly tree: ReferenceTree;
  now: number;
  /** Grefs of the persistent grants in flight, in the order they were taken. */
  readonly held: Gref[];
  maps: number;
}

export interface StoreUnderTest {
  readonly store: PersistentGrantStoreApi;
  now: number;
  /** The nodes `add`/`get` returned for the grants in flight, parallel to the model's `held`. */
  readonly held: PersistentGrant[];
  maps: number;
}

type StoreCommand = fc.Command<StoreModelState, StoreUnderTest>;

/** The page the guest grants through gref g in these tests. */
const pageOf = (g: Gref): number => 100 + g;

export interface NodeView {
  readonly gref: Gref;
  readonly state: 'Idle' | 'Active';
  readonly page: number;
  readonly handle: number;
  readonly lastUsed: number | null;
}

export interface StoreView {
  readonly nodes: readonly NodeView[];
  readonly size: number;
  readonly inUse: number;
  readonly overflow: boolean;
}

/** What a store shows through its API. */
export function storeView(store: PersistentGrantStoreApi): StoreView {
  const nodes = store.grefs().map((gref) => {
    const n = store.peek(gref)!;
    return { gref, state: n.active ? ('Active' as const) : ('Idle' as const), page: n.page, handle: n.handle, lastUsed: n.lastUsed };
  });
  return { nodes, size: store.size, inUse: store.inUse, overflow: store.overflow };
}

/** What the reference tree says a store must show. */
export function referenceView(tree: ReferenceTree): StoreView {
  const nodes = [...tree.tree.entries()]
    .sort(([a], [b]) => a - b)
    .map(([gref, n]) => ({ gref, state: n.state, page: n.page, handle: n.handle, lastUsed: n.lastUsed }));
  return { nodes, size: tree.tree.size, inUse: tree.inUse, overflow: tree.overflow };
}

function agree(model: StoreModelState, real: StoreUnderTest, what: string): void {
  deepStrictEqual(storeView(real.store), referenceView(model.tree), `store state after ${what}`);
}

class BackMap implements StoreCommand {
  constructor(readonly gref: Gref) {}
  check(): boolean {
    return true;
  }
  run(model: StoreModelState, real: StoreUnderTest): void {
    const handle = model.maps++;
    real.maps++;
    const want = model.tree.get(this.gref);
    const got = real.store.get(this.gref);
    deepStrictEqual(got.ok ? { ok: true } : got, want, `${this.toString()}: get`);
    if (got.ok) {
      model.held.push(this.gref);
      real.held.push(got.node);
    } else {
      // No reusable grant: map afresh, then try to keep the mapping.
      const wantAdd = model.tree.add(this.gref, handle, pageOf(this.gref));
      const gotAdd = real.store.add(this.gref, handle, pageOf(this.gref));
      deepStrictEqual(gotAdd.ok ? { ok: true } : gotAdd, wantAdd, `${this.toString()}: add`);
      if (gotAdd.ok) {
        model.held.push(this.gref);
        real.held.push(gotAdd.node);
      }
    }
    agree(model, real, this.toString());
  }
  toString(): string {
    return `BackMap(${this.gref})`;
  }
}

class BackRespond implements StoreCommand {
  constructor(readonly pick: number) {}
  check(model: Readonly<StoreModelState>): boolean {
    return model.held.length > 0;
  }
  run(model: StoreModelState, real: StoreUnderTest): void {
    const i = this.pick % model.held.length;
    const [g] = model.held.splice(i, 1);
    const [node] = real.held.splice(i, 1);
    model.tree.put(g!, model.now);
    deepStrictEqual(real.store.put(node!, real.now), { ok: true, alreadyUnused: false }, `${this.toString()}: put`);
    agree(model, real, this.toString());
  }
  toString(): string {
    return `BackRespond(${this.pick})`;
  }
}

class Tick implements StoreCommand {
  constructor(readonly by: number) {}
  check(): boolean {
    return true;
  }
  run(model: StoreModelState, real: StoreUnderTest): void {
    model.now += this.by;
    real.now += this.by;
  }
  toString(): string {
    return `Tick(${this.by})`;
  }
}

class Purge implements StoreCommand {
  check(): boolean {
    return true;
  }
  run(model: StoreModelState, real: StoreUnderTest): void {
    const want = model.tree.purge(model.now);
    const got = real.store.purge(real.now);
    deepStrictEqual({ numClean: got.numClean, timedOut: got.timedOut, removed: got.removed.map((n) => n.gref) }, want, 'Purge');
    agree(model, real, 'Purge');
  }
  toString(): string {
    return 'Purge';
  }
}

class BackDisconnect implements StoreCommand {
  check(): boolean {
    return true;
  }
  run(model: StoreModelState, real: StoreUnderTest): void {
    const want = model.tree.teardown();
    const got = real.store.teardown();
    deepStrictEqual(got.ok ? { ok: true, removed: got.removed.map((n) => n.gref) } : got, want, 'BackDisconnect');
    agree(model, real, 'BackDisconnect');
  }
  toString(): string {
    return 'BackDisconnect';
  }
}

class SetMax implements StoreCommand {
  constructor(readonly max: number) {}
  check(): boolean {
    return true;
  }
  run(model: StoreModelState, real: StoreUnderTest): void {
    model.tree.maxGrants = this.max;
    real.store.setMaxGrants(this.max);
    agree(model, real, this.toString());
  }
  toString(): string {
    return `SetMax(${this.max})`;
  }
}

export interface StoreModelOptions {
  /** Grefs 0..grefs-1: few, so that reuse, duplicates and the limit all happen. */
  readonly grefs: number;
  /** Limits `SetMax` draws from. */
  readonly limits: { readonly min: number; readonly max: number };
  readonly maxCommands?: number;
}

/** Command sequences over the reference model's backend actions. */
export function storeModelCommands(opts: StoreModelOptions): fc.Arbitrary<Iterable<StoreCommand>> {
  const gref = fc.integer({ min: 0, max: opts.grefs - 1 });
  return fc.commands(
    [
      gref.map((g) => new BackMap(g)),
      fc.nat(31).map((i) => new BackRespond(i)),
      fc.integer({ min: 1, max: 70 }).map((t) => new Tick(t)),
      fc.constant(new Purge()),
      fc.constant(new BackDisconnect()),
      fc.integer(opts.limits).map((n) => new SetMax(n)),
    ],
    { maxCommands: opts.maxCommands ?? 60, size: 'max' },
  );
}

/**
 * Runs `commands` on a fresh store from `make` and on a fresh reference tree with the
 * same limit and timeout; throws at the first step where they disagree.
 */
export function runStoreModel(
  make: (maxGrants: number, unusedSeconds: number) => PersistentGrantStoreApi,
  commands: Iterable<StoreCommand>,
  config: { readonly maxGrants: number; readonly unusedSeconds: number },
): void {
  fc.modelRun(
    () => ({
      model: { tree: new ReferenceTree(config.maxGrants, config.unusedSeconds), now: 0, held: [], maps: 0 },
      real: { store: make(config.maxGrants, config.unusedSeconds), now: 0, held: [], maps: 0 },
    }),
    commands,
  );
}
