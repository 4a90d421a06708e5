import { deepStrictEqual } from 'node:assert/strict';
import fc from 'fast-check';
import type { Gref, PageId } from '../common/ids.js';
import type { GrantEntry, GrantPoolApi } from './grantPoolApi.js';
import { grantPoolViolations } from './grantPoolInvariants.js';
import { InMemoryGrantTable } from './inMemoryGrantTable.js';
import { ReferencePool } from './referencePool.js';

/**
 * Model-based testing (`fc.commands`) of any {@link GrantPoolApi} against the blkif
 * reference model's frontend ({@link ReferencePool}), over an {@link InMemoryGrantTable}
 * that plays the hypervisor. The commands are the reference model's frontend actions
 * and the backend's mappings, as they reach the pool:
 *
 * - `FrontSubmit`: a request takes an entry (FrontSubmitReuse or FrontSubmitGrant).
 * - `BackMap(i)`, `BackUnmap(i)`: the backend maps the gref of the i-th in-flight entry,
 *   or drops one of its mappings (a persistent backend keeps them across requests).
 * - `FrontComplete(i)`: the i-th in-flight request completes (revoke or keep).
 * - `FrontPurge`: blkfront's periodic purge of grants the backend dropped.
 * - `FrontFree`: the pool is freed at disconnect (revoke or defer each grant).
 * - `DeferredRelease`: the grant table's timer releases deferred grants nothing maps.
 *
 * After every command the pool's result and its observable state (free list with which
 * entries hold a gref, in-flight entries, persistent count, deferred pages) must equal
 * the model's, and the pool's own invariants must hold.
 */
export interface PoolModelState {
  readonly ref: ReferencePool;
}

export interface PoolUnderTest {
  readonly pool: GrantPoolApi;
  readonly table: InMemoryGrantTable;
  /** The gref each mapped page was mapped through (it cannot change while mapped). */
  readonly mappedGref: Map<PageId, Gref>;
  /** Pages of deferred grants, by gref. */
  readonly deferredPage: Map<Gref, PageId>;
}

type PoolCommand = fc.Command<PoolModelState, PoolUnderTest>;

export interface PoolView {
  readonly free: readonly (readonly [PageId, boolean])[];
  readonly inFlight: readonly PageId[];
  readonly persistentCount: number;
  readonly deferred: readonly PageId[];
}

export function poolView(real: PoolUnderTest): PoolView {
  return {
    free: real.pool.freeEntries().map((e) => [e.page, e.gref !== null] as const),
    inFlight: real.pool.inFlightEntries().map((e) => e.page),
    persistentCount: real.pool.persistentCount,
    deferred: real.table.deferred.map((d) => d.page),
  };
}

export function referencePoolView(ref: ReferencePool): PoolView {
  return {
    free: ref.free.map((e) => [e.page, e.granted] as const),
    inFlight: ref.inFlight.map((e) => e.page),
    persistentCount: ref.persistentCount,
    deferred: [...ref.deferred],
  };
}

function agree(model: PoolModelState, real: PoolUnderTest, what: string): void {
  deepStrictEqual(poolView(real), referencePoolView(model.ref), `pool state after ${what}`);
  deepStrictEqual(grantPoolViolations(real.pool, real.table), [], `pool invariants after ${what}`);
}

/** The in-flight entries a completion or a mapping may pick: not those stuck after BACKEND_NOT_UNMAPPED. */
const live = (ref: ReferencePool): PageId[] => ref.inFlight.filter((e) => !ref.broken.has(e.page)).map((e) => e.page);
const entryOf = (pool: GrantPoolApi, page: PageId): GrantEntry => pool.inFlightEntries().find((e) => e.page === page)!;

class FrontSubmit implements PoolCommand {
  check(): boolean {
    return true;
  }
  run(model: PoolModelState, real: PoolUnderTest): void {
    const want = model.ref.take();
    const got = real.pool.take();
    deepStrictEqual(got.ok ? { ok: true, page: got.entry.page, reused: got.reused } : got, want, 'FrontSubmit');
    agree(model, real, 'FrontSubmit');
  }
  toString(): string {
    return 'FrontSubmit';
  }
}

class BackMap implements PoolCommand {
  constructor(readonly pick: number) {}
  check(model: Readonly<PoolModelState>): boolean {
    return live(model.ref).length > 0;
  }
  run(model: PoolModelState, real: PoolUnderTest): void {
    const pages = live(model.ref);
    const page = pages[this.pick % pages.length]!;
    model.ref.pins.set(page, model.ref.pinsOf(page) + 1);
    const gref = entryOf(real.pool, page).gref!;
    deepStrictEqual(real.table.map(gref), { ok: true, page }, `${this.toString()}: the gref grants the entry's page`);
    real.mappedGref.set(page, gref);
    agree(model, real, this.toString());
  }
  toString(): string {
    return `BackMap(${this.pick})`;
  }
}

class BackUnmap implements PoolCommand {
  constructor(readonly pick: number) {}
  check(model: Readonly<PoolModelState>): boolean {
    return [...model.ref.pins.values()].some((n) => n > 0);
  }
  run(model: PoolModelState, real: PoolUnderTest): void {
    const pages = [...model.ref.pins.entries()].filter(([, n]) => n > 0).map(([p]) => p).sort((a, b) => a - b);
    const page = pages[this.pick % pages.length]!;
    model.ref.pins.set(page, model.ref.pinsOf(page) - 1);
    real.table.unmap(real.mappedGref.get(page)!);
    agree(model, real, this.toString());
  }
  toString(): string {
    return `BackUnmap(${this.pick})`;
  }
}

class FrontComplete implements PoolCommand {
  constructor(readonly pick: number) {}
  check(model: Readonly<PoolModelState>): boolean {
    return live(model.ref).length > 0;
  }
  run(model: PoolModelState, real: PoolUnderTest): void {
    const pages = live(model.ref);
    const page = pages[this.pick % pages.length]!;
    const want = model.ref.giveBack(page);
    const got = real.pool.giveBack(entryOf(real.pool, page));
    deepStrictEqual(got.ok ? got : { ok: false, error: got.error }, want, this.toString());
    agree(model, real, this.toString());
  }
  toString(): string {
    return `FrontComplete(${this.pick})`;
  }
}

class FrontPurge implements PoolCommand {
  check(): boolean {
    return true;
  }
  run(model: PoolModelState, real: PoolUnderTest): void {
    const want = model.ref.purge();
    deepStrictEqual(real.pool.purge().demoted.map((e) => e.page), want, 'FrontPurge');
    agree(model, real, 'FrontPurge');
  }
  toString(): string {
    return 'FrontPurge';
  }
}

class FrontFree implements PoolCommand {
  check(model: Readonly<PoolModelState>): boolean {
    return !model.ref.tornDown;
  }
  run(model: PoolModelState, real: PoolUnderTest): void {
    const want = model.ref.teardown();
    const got = real.pool.teardown();
    for (const d of got.deferred) real.deferredPage.set(d.gref, d.page);
    deepStrictEqual({ released: got.released.map((e) => e.page), deferred: got.deferred.map((d) => d.page) }, want, 'FrontFree');
    agree(model, real, 'FrontFree');
  }
  toString(): string {
    return 'FrontFree';
  }
}

class DeferredRelease implements PoolCommand {
  check(model: Readonly<PoolModelState>): boolean {
    return model.ref.deferred.length > 0;
  }
  run(model: PoolModelState, real: PoolUnderTest): void {
    const want = model.ref.releaseDeferred();
    deepStrictEqual(real.table.processDeferred().map((g) => real.deferredPage.get(g)), want, 'DeferredRelease');
    agree(model, real, 'DeferredRelease');
  }
  toString(): string {
    return 'DeferredRelease';
  }
}

/** Command sequences over the reference model's frontend actions and the backend's mappings. */
export function poolModelCommands(maxCommands = 60): fc.Arbitrary<Iterable<PoolCommand>> {
  const pick = fc.nat(31);
  // Freeing the pool ends a run's interesting part, so it is drawn less often.
  const command: fc.Arbitrary<PoolCommand> = fc.oneof(
    { weight: 4, arbitrary: fc.constant(new FrontSubmit()) },
    { weight: 3, arbitrary: pick.map((i) => new BackMap(i)) },
    { weight: 3, arbitrary: pick.map((i) => new BackUnmap(i)) },
    { weight: 4, arbitrary: pick.map((i) => new FrontComplete(i)) },
    { weight: 2, arbitrary: fc.constant(new FrontPurge()) },
    { weight: 1, arbitrary: fc.constant(new FrontFree()) },
    { weight: 1, arbitrary: fc.constant(new DeferredRelease()) },
  );
  return fc.commands([command], { maxCommands, size: 'max' });
}

export interface PoolModelConfig {
  readonly persistent: boolean;
  readonly pages: readonly PageId[];
  /** Grefs in the grant table (fewer than pages makes ENOSPC reachable). */
  readonly grefs: number;
}

/** Runs `commands` on a fresh pool from `make` and on the reference; throws at the first disagreement. */
export function runPoolModel(
  make: (table: InMemoryGrantTable, persistent: boolean, pages: readonly PageId[]) => GrantPoolApi,
  commands: Iterable<PoolCommand>,
  config: PoolModelConfig,
): void {
  fc.modelRun(() => {
    const table = new InMemoryGrantTable(config.grefs);
    return {
      model: { ref: new ReferencePool(config.persistent, config.pages, config.grefs) },
      real: { pool: make(table, config.persistent, config.pages), table, mappedGref: new Map(), deferredPage: new Map() },
    };
  }, commands);
}
