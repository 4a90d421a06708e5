import type { AdapterFactory, AdapterStep, ImplementationAdapter } from '../../src/conformance/adapter.js';
import type { Action } from '../../src/model/action.js';
import type { TraceOrigin } from '../../src/trace/trace.js';
import type { JsonValue } from '../../src/util/json.js';
import type { PageId } from '../common/ids.js';
import type { GrantTable } from '../blkfront/grantTable.js';
import { GrantPool } from '../blkfront/grantPool.js';
import type { GrantEntry, GrantPoolApi } from '../blkfront/grantPoolApi.js';
import { blkifSnapshot, intParam } from './blkifSnapshot.js';
import { TraceGrantTable } from './traceGrantTable.js';

export type PoolFactory = (table: GrantTable, persistent: boolean, pages: readonly PageId[]) => GrantPoolApi;

/**
 * Replays blkif traces on a {@link GrantPoolApi}: the frontend's grant pool, over a
 * {@link TraceGrantTable}. Entry e is page e.
 *
 * - `FrontConnect`: a new pool of the entries whose frames are the guest's own
 *   (Private), filled so that entry 0 is first; persistent when `FP` and `BP`.
 * - `FrontSubmitReuse(e, s)`, `FrontSubmitGrant(e, s, g)`: `take()`, the claim
 *   answering g. The pool picks the entry itself (its free list's head). Entries that
 *   hold no gref and are not in flight are interchangeable, so when the trace grants
 *   entry e and the pool grants another such entry, the two are renamed (page p now
 *   stands for entry e). A reuse is different: the gref identifies the backend's
 *   mapping, so a trace that reuses another entry than the pool's head is not a
 *   behaviour of this pool, and replay shows that step.
 * - `FrontComplete(s)`: `giveBack` of the request's entry; the revoke fails while the
 *   model's `pin[g] > 0`.
 * - `FrontFree`: `teardown()`. `DeferredRelease(g)`: the grant table's deferred release.
 * - `FrontQuery`, `FrontEndAccess` (query-then-end revoke) are unsupported: the pool
 *   revokes in one atomic try-end.
 * Every other action is another party's.
 *
 * Observed: per entry, its gref and whether it is in flight; the persistent count;
 * per gref, the page it grants; the deferred pages. The model's: `entGref`, `entSlot`,
 * `gtPermit`/`gtFrame`, and the Deferred frames.
 */
export class BlkfrontPoolAdapter implements ImplementationAdapter {
  private table = new TraceGrantTable();
  private pool: GrantPoolApi | null = null;
  private readonly entryOfSlot = new Map<number, GrantEntry>();
  /** The pool page standing for each model entry (a bijection; see the renaming above). */
  private pageOf: number[] = [];
  private entries = 0;
  private grefs = 0;
  private persistent = false;

  constructor(private readonly make: PoolFactory = (grantTable, persistent, pages) => new GrantPool({ grantTable, persistent, pages })) {}

  start(origin: TraceOrigin): void {
    this.entries = intParam(origin.params, 'P');
    this.grefs = intParam(origin.params, 'G');
    this.persistent = origin.params['FP'] === true && origin.params['BP'] === true;
    this.table = new TraceGrantTable();
    this.pool = null;
    this.entryOfSlot.clear();
    this.pageOf = Array.from({ length: this.entries }, (_, e) => e);
  }

  step(action: Action, pre: JsonValue): AdapterStep {
    const m = blkifSnapshot(pre);
    this.table.pins = m.pin;
    switch (action.type) {
      case 'FrontConnect': {
        const pages = m.frameSt.flatMap((st, e) => (st === 'Private' ? [this.pageOf[e]!] : [])).reverse();
        this.pool = this.make(this.table, this.persistent, pages);
        return { kind: 'applied', calls: [`new pool of pages ${[...pages].reverse().join(', ')} (persistent: ${this.persistent})`] };
      }
      case 'FrontSubmitReuse':
      case 'FrontSubmitGrant': {
        const pool = this.livePool();
        this.table.nextGref = action.type === 'FrontSubmitGrant' ? (action['g'] as number) : null;
        const r = pool.take();
        this.table.nextGref = null;
        if (!r.ok) return { kind: 'applied', calls: [`pool.take() -> ${r.error}`] };
        this.entryOfSlot.set(action['s'] as number, r.entry);
        const calls = [`pool.take() -> page ${r.entry.page}, gref ${r.entry.gref}${r.reused ? ', reused' : ''}`];
        const e = action['e'] as number;
        if (!r.reused && this.pageOf[e] !== r.entry.page) {
          const other = this.pageOf.indexOf(r.entry.page);
          if (other >= 0) {
            this.pageOf[other] = this.pageOf[e]!;
            this.pageOf[e] = r.entry.page;
            calls.push(`page ${r.entry.page} now stands for entry ${e}, page ${this.pageOf[other]} for entry ${other}`);
          }
        }
        return { kind: 'applied', calls };
      }
      case 'FrontComplete': {
        const s = action['s'] as number;
        const entry = this.entryOfSlot.get(s);
        if (entry === undefined) return { kind: 'applied', calls: [`no entry in flight for slot ${s}`] };
        const r = this.livePool().giveBack(entry);
        if (r.ok) this.entryOfSlot.delete(s);
        return { kind: 'applied', calls: [`pool.giveBack(page ${entry.page}) -> ${r.ok ? r.placed : r.error}`] };
      }
      case 'FrontFree': {
        const r = this.livePool().teardown();
        this.pool = null;
        this.entryOfSlot.clear();
        return { kind: 'applied', calls: [`pool.teardown() -> released ${r.released.length}, deferred ${r.deferred.map((d) => d.gref).join(', ') || 'none'}`] };
      }
      case 'DeferredRelease': {
        const g = action['g'] as number;
        return { kind: 'applied', calls: [`release deferred gref ${g} -> ${this.table.releaseDeferred(g)}`] };
      }
      case 'FrontQuery':
      case 'FrontEndAccess':
        return { kind: 'unsupported', reason: 'the pool revokes in one atomic try-end, never query-then-end (XSA-396)' };
      default:
        return { kind: 'ignored' };
    }
  }

  /** In the model's terms: entries by model entry, frames by model entry (through the renaming). */
  observe(): JsonValue {
    const held = new Map<number, { gref: number | 'none'; inFlight: boolean }>();
    if (this.pool) {
      for (const e of this.pool.freeEntries()) held.set(e.page, { gref: e.gref ?? 'none', inFlight: false });
      for (const e of this.pool.inFlightEntries()) held.set(e.page, { gref: e.gref ?? 'none', inFlight: true });
    }
    const entryOfPage = (page: number): number => {
      const e = this.pageOf.indexOf(page);
      return e >= 0 ? e : page;
    };
    return {
      pool: this.pool !== null,
      entries: this.pageOf.map((page) => held.get(page) ?? { gref: 'none', inFlight: false }),
      persistentCount: this.pool?.persistentCount ?? 0,
      grants: Array.from({ length: this.grefs }, (_, g) => {
        const page = this.table.granted.get(g);
        return page === undefined ? null : entryOfPage(page);
      }),
      deferred: [...this.table.deferred.values()].map(entryOfPage).sort((a, b) => a - b),
    };
  }

  expected(state: JsonValue): JsonValue {
    const m = blkifSnapshot(state);
    const entries = m.entGref.map((gref, e) => ({ gref, inFlight: m.entSlot[e] !== 'none' }));
    return {
      pool: m.pool,
      entries,
      persistentCount: entries.filter((x, e) => m.frameSt[e] === 'Pool' && x.gref !== 'none' && !x.inFlight).length,
      grants: m.gtPermit.map((p, g) => (p ? m.gtFrame[g]! : null)),
      deferred: m.frameSt.flatMap((st, f) => (st === 'Deferred' ? [f] : [])),
    };
  }

  private livePool(): GrantPoolApi {
    if (this.pool === null) throw new Error('the trace uses the grant pool before FrontConnect made one');
    return this.pool;
  }
}

export const blkfrontPool: AdapterFactory = {
  name: 'blkfront-pool',
  description: "blkfront's grant pool (impl/blkfront/grantPool.ts) for the frontend's grants",
  models: ['blkif'],
  create: () => new BlkfrontPoolAdapter(),
};
