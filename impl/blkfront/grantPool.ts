import type { Gref, PageId } from '../common/ids.js';
import type { GrantTable } from './grantTable.js';
import type {
  FrontPurgeResult,
  FrontTeardownResult,
  GiveBackResult,
  GrantEntry,
  GrantPoolApi,
  TakeResult,
} from './grantPoolApi.js';

/** The pool's own, writable view of an entry. */
interface MutableGrantEntry {
  gref: Gref | null;
  readonly page: PageId;
}

export interface GrantPoolOptions {
  readonly grantTable: GrantTable;
  /** `info->feature_persistent`: negotiated by both ends (invariant 12). */
  readonly persistent: boolean;
  /**
   * One private page per entry (`fill_grant_buffer` with bounce on). Linux
   * pushes each new entry at the head, so the free list starts in the reverse
   * of this order; the pool does the same.
   */
  readonly pages: readonly PageId[];
}

/**
 * blkfront's per-ring grant pool, following drivers/block/xen-blkfront.c:
 * `fill_grant_buffer`, `get_free_grant`/`get_grant` (take), the grant loop of
 * `blkif_completion` (giveBack), `purge_persistent_grants` (purge) and the
 * grant part of `blkif_free_ring` (teardown).
 *
 * What it leaves out: the shadow ring (the caller holds in-flight entries),
 * per-request gref reservation (`gnttab_alloc_grant_references` and the free
 * callback), indirect pages as a separate kind (they take entries exactly
 * like data segments), the data copies, and the non-bounce mode in which
 * Linux grants the bio's own page instead of the entry's page (persistent
 * grants imply bounce, so the entry's page is what gets granted).
 *
 * The free list is a plain array with the head at index 0: O(n) at the head,
 * which is fine for model-sized pools and keeps the state easy to inspect.
 */
export class GrantPool implements GrantPoolApi {
  readonly persistent: boolean;
  private readonly grantTable: GrantTable;
  private free: MutableGrantEntry[] = [];
  /** Keyed by the caller's (read-only) view; the value is the same object. */
  private readonly inFlight = new Map<GrantEntry, MutableGrantEntry>();
  private persistentGnts = 0;

  constructor(options: GrantPoolOptions) {
    this.grantTable = options.grantTable;
    this.persistent = options.persistent;
    for (const page of options.pages) this.free.unshift({ gref: null, page });
  }

  get persistentCount(): number {
    return this.persistentGnts;
  }

  get freeCount(): number {
    return this.free.length;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  freeEntries(): readonly GrantEntry[] {
    return [...this.free];
  }

  inFlightEntries(): readonly GrantEntry[] {
    return [...this.inFlight.values()];
  }

  take(): TakeResult {
    const head = this.free[0];
    if (head === undefined) return { ok: false, error: 'EMPTY' };
    if (head.gref !== null) {
      this.free.shift();
      this.persistentGnts--;
      this.inFlight.set(head, head);
      return { ok: true, entry: head, reused: true };
    }
    // Claim before unlinking, so running out of grefs leaves the pool unchanged.
    const gref = this.grantTable.claimGref();
    if (gref === null) return { ok: false, error: 'ENOSPC' };
    this.free.shift();
    head.gref = gref;
    this.grantTable.grantAccess(gref, head.page);
    this.inFlight.set(head, head);
    return { ok: true, entry: head, reused: false };
  }

  giveBack(entry: GrantEntry): GiveBackResult {
    const own = this.inFlight.get(entry);
    if (own === undefined || own.gref === null) return { ok: false, error: 'NOT_IN_FLIGHT' };
    const gref = own.gref;
    if (this.grantTable.tryEndForeignAccess(gref)) {
      // Not mapped by the backend: revoked; keep the page, drop to the tail.
      own.gref = null;
      this.inFlight.delete(entry);
      this.free.push(own);
      return { ok: true, placed: 'tail' };
    }
    if (!this.persistent) return { ok: false, error: 'BACKEND_NOT_UNMAPPED', gref };
    // Still mapped: the backend made it persistent; reuse it first (LIFO).
    this.inFlight.delete(entry);
    this.free.unshift(own);
    this.persistentGnts++;
    return { ok: true, placed: 'head' };
  }

  purge(): FrontPurgeResult {
    // Linux skips the scan when no free entry holds a gref.
    if (this.persistentGnts === 0) return { demoted: [] };
    const keep: MutableGrantEntry[] = [];
    const demoted: MutableGrantEntry[] = [];
    for (const e of this.free) {
      if (e.gref !== null && this.grantTable.tryEndForeignAccess(e.gref)) {
        e.gref = null;
        demoted.push(e);
      } else {
        keep.push(e);
      }
    }
    // Collected first and spliced at the tail, so the scan never revisits them
    // (the 2022 change to purge_persistent_grants); relative order is kept.
    this.free = [...keep, ...demoted];
    this.persistentGnts -= demoted.length;
    return { demoted };
  }

  teardown(): FrontTeardownResult {
    const released: MutableGrantEntry[] = [];
    const deferred: Array<{ gref: Gref; page: PageId }> = [];
    const end = (e: MutableGrantEntry): void => {
      if (e.gref !== null) {
        // gnttab_end_foreign_access(gref, NULL): revoke now, or defer with a page reference.
        if (!this.grantTable.tryEndForeignAccess(e.gref)) {
          this.grantTable.endForeignAccessDeferred(e.gref, e.page);
          deferred.push({ gref: e.gref, page: e.page });
        }
        e.gref = null;
      }
      released.push(e);
    };
    for (const e of this.free) {
      if (e.gref !== null) this.persistentGnts--;
      end(e);
    }
    // Then the grants of requests still in flight (Linux's walk over shadow[]).
    for (const e of this.inFlight.values()) end(e);
    this.free = [];
    this.inFlight.clear();
    // Linux BUG_ONs unless this is now 0; it is, exactly when the count was right.
    return { released, deferred };
  }
}
