import type { PageId } from '../common/ids.js';

/** A pool entry in the reference model: its page (frame e) and whether it holds a gref (`entGref[e] ≠ none`). */
export interface ReferenceEntry {
  readonly page: PageId;
  granted: boolean;
}

export type ReferenceTake =
  | { readonly ok: true; readonly page: PageId; readonly reused: boolean }
  | { readonly ok: false; readonly error: 'EMPTY' | 'ENOSPC' };

export type ReferenceGiveBack =
  | { readonly ok: true; readonly placed: 'head' | 'tail' }
  | { readonly ok: false; readonly error: 'BACKEND_NOT_UNMAPPED' };

/**
 * The frontend's grant pool as the blkif reference model states it, with the order in
 * which blkfront keeps its free list. From the reference page: a submission reuses an
 * entry's gref or grants a fresh one (FrontSubmitReuse/Grant); completion revokes when
 * nothing maps the gref (`pin = 0`) and otherwise keeps it (FrontComplete); freeing the
 * pool revokes or defers each grant, keeping a deferred page alive (FrontFree,
 * DeferredRelease). From blkfront (digest section 1.4): kept grants go to the head and
 * are reused first, revoked entries to the tail; a failed revoke without persistent
 * grants is an error (XSA-396) that leaves the entry in flight.
 *
 * `pins` is the hypervisor's side (`pin[g]` of the entry's gref), which the tests drive.
 * Written from the reference, sharing no code with the pool it checks.
 */
export class ReferencePool {
  /** Head first. */
  free: ReferenceEntry[] = [];
  /** In the order taken. */
  readonly inFlight: ReferenceEntry[] = [];
  /** Backend mappings per page (of the gref that grants it). */
  readonly pins = new Map<PageId, number>();
  /** Entries whose completion failed with BACKEND_NOT_UNMAPPED. */
  readonly broken = new Set<PageId>();
  /** Pages whose grant's release was deferred at teardown, in order; they stay granted until released. */
  deferred: PageId[] = [];
  tornDown = false;

  constructor(
    readonly persistent: boolean,
    pages: readonly PageId[],
    /** Grefs in the guest's grant table. */
    readonly grefs: number,
  ) {
    // fill_grant_buffer pushes each new entry at the head.
    for (const page of pages) this.free.unshift({ page, granted: false });
  }

  get persistentCount(): number {
    return this.free.filter((e) => e.granted).length;
  }

  pinsOf(page: PageId): number {
    return this.pins.get(page) ?? 0;
  }

  private grefsInUse(): number {
    return [...this.free, ...this.inFlight].filter((e) => e.granted).length + this.deferred.length;
  }

  take(): ReferenceTake {
    const head = this.free[0];
    if (head === undefined) return { ok: false, error: 'EMPTY' };
    if (!head.granted && this.grefsInUse() >= this.grefs) return { ok: false, error: 'ENOSPC' };
    this.free.shift();
    this.inFlight.push(head);
    const reused = head.granted;
    head.granted = true;
    return { ok: true, page: head.page, reused };
  }

  giveBack(page: PageId): ReferenceGiveBack {
    const i = this.inFlight.findIndex((e) => e.page === page);
    const entry = this.inFlight[i]!;
    if (this.pinsOf(page) === 0) {
      entry.granted = false;
      this.inFlight.splice(i, 1);
      this.free.push(entry);
      return { ok: true, placed: 'tail' };
    }
    if (!this.persistent) {
      this.broken.add(page);
      return { ok: false, error: 'BACKEND_NOT_UNMAPPED' };
    }
    this.inFlight.splice(i, 1);
    this.free.unshift(entry);
    return { ok: true, placed: 'head' };
  }

  /** Revokes every free grant nothing maps; those entries move to the tail, in order. */
  purge(): PageId[] {
    const demoted = this.free.filter((e) => e.granted && this.pinsOf(e.page) === 0);
    for (const e of demoted) e.granted = false;
    this.free = [...this.free.filter((e) => !demoted.includes(e)), ...demoted];
    return demoted.map((e) => e.page);
  }

  /** FrontFree: every entry, free ones first; a grant still mapped is deferred, not revoked. */
  teardown(): { released: PageId[]; deferred: PageId[] } {
    const all = [...this.free, ...this.inFlight];
    const deferred = all.filter((e) => e.granted && this.pinsOf(e.page) > 0).map((e) => e.page);
    this.deferred = [...this.deferred, ...deferred];
    this.free = [];
    this.inFlight.length = 0;
    this.tornDown = true;
    return { released: all.map((e) => e.page), deferred };
  }

  /** DeferredRelease: every deferred grant nothing maps any more is released. */
  releaseDeferred(): PageId[] {
    const freed = this.deferred.filter((p) => this.pinsOf(p) === 0);
    this.deferred = this.deferred.filter((p) => this.pinsOf(p) > 0);
    return freed;
  }
}
