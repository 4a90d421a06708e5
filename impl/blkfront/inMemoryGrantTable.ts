import type { Gref, PageId } from '../common/ids.js';
import type { GrantTable } from './grantTable.js';

/** Codes for calls that break the grant-table protocol (caller bugs, not refusals). */
export type GrantTableMisuse =
  | 'NOT_CLAIMED' // grantAccess on a gref that was not claimed
  | 'NOT_GRANTED' // end/defer/map on a gref that is not granted
  | 'NOT_MAPPED' // unmap with no pin left
  | 'ALREADY_DEFERRED'; // deferring a gref twice, or ending one the deferred list owns

export class GrantTableMisuseError extends Error {
  constructor(
    readonly code: GrantTableMisuse,
    readonly gref: Gref,
  ) {
    super(`grant table misuse ${code} on gref ${gref}`);
  }
}

type Entry =
  | { readonly kind: 'free' }
  | { readonly kind: 'claimed' }
  | { readonly kind: 'granted'; readonly page: PageId; pins: number; deferred: boolean };

export type MapResult =
  | { readonly ok: true; readonly page: PageId }
  | { readonly ok: false; readonly error: 'GNTST_bad_gntref' | 'GNTST_general_error' };

/**
 * A small in-memory grant table for tests: both the guest side
 * ({@link GrantTable}) and a backend side (`map`/`unmap`, one pin count per
 * gref, standing in for Xen's active-entry pin counters).
 *
 * - Grefs are 0..size-1. Freed grefs are reused LIFO, like Linux's free list,
 *   so a reuse-after-revoke bug shows up quickly (invariant 13).
 * - A deferred gref stays granted (v1 leaves the flags alone when a revoke
 *   fails) until {@link processDeferred} finds it unpinned, like the
 *   once-a-second `gnttab_handle_deferred` timer.
 * - Protocol misuse throws {@link GrantTableMisuseError}: it is a bug in the
 *   caller, not a normal refusal.
 */
export class InMemoryGrantTable implements GrantTable {
  private readonly entries: Entry[];
  private readonly freeList: Gref[];
  private readonly deferredList: Array<{ gref: Gref; page: PageId }> = [];

  constructor(readonly size: number) {
    this.entries = Array.from({ length: size }, (): Entry => ({ kind: 'free' }));
    // Highest first, so the first claims hand out 0, 1, 2, ...
    this.freeList = Array.from({ length: size }, (_, i) => size - 1 - i);
  }

  claimGref(): Gref | null {
    const gref = this.freeList.pop();
    if (gref === undefined) return null;
    this.entries[gref] = { kind: 'claimed' };
    return gref;
  }

  grantAccess(gref: Gref, page: PageId): void {
    if (this.entries[gref]?.kind !== 'claimed') throw new GrantTableMisuseError('NOT_CLAIMED', gref);
    this.entries[gref] = { kind: 'granted', page, pins: 0, deferred: false };
  }

  tryEndForeignAccess(gref: Gref): boolean {
    const e = this.granted(gref);
    if (e.deferred) throw new GrantTableMisuseError('ALREADY_DEFERRED', gref);
    if (e.pins > 0) return false;
    this.release(gref);
    return true;
  }

  endForeignAccessDeferred(gref: Gref, page: PageId): void {
    const e = this.granted(gref);
    if (e.deferred) throw new GrantTableMisuseError('ALREADY_DEFERRED', gref);
    e.deferred = true;
    this.deferredList.push({ gref, page });
  }

  /** Backend side: map `gref` (one more pin). Fails unless the gref is granted. */
  map(gref: Gref): MapResult {
    const e = this.entries[gref];
    if (e === undefined) return { ok: false, error: 'GNTST_bad_gntref' };
    if (e.kind !== 'granted') return { ok: false, error: 'GNTST_general_error' };
    e.pins++;
    return { ok: true, page: e.page };
  }

  /** Backend side: drop one pin on `gref`. */
  unmap(gref: Gref): void {
    const e = this.granted(gref);
    if (e.pins === 0) throw new GrantTableMisuseError('NOT_MAPPED', gref);
    e.pins--;
  }

  /** One pass of the deferred-release timer: frees unpinned deferred grefs, returns them. */
  processDeferred(): Gref[] {
    const freed: Gref[] = [];
    for (let i = 0; i < this.deferredList.length; ) {
      const d = this.deferredList[i];
      if (d !== undefined && this.granted(d.gref).pins === 0) {
        this.release(d.gref);
        this.deferredList.splice(i, 1);
        freed.push(d.gref);
      } else i++;
    }
    return freed;
  }

  pinCount(gref: Gref): number {
    const e = this.entries[gref];
    return e?.kind === 'granted' ? e.pins : 0;
  }

  /** The page `gref` grants, or null when it grants nothing. */
  grantedPage(gref: Gref): PageId | null {
    const e = this.entries[gref];
    return e?.kind === 'granted' ? e.page : null;
  }

  get freeCount(): number {
    return this.freeList.length;
  }

  /** Deferred releases not yet processed; their pages must not be reused. */
  get deferred(): ReadonlyArray<{ readonly gref: Gref; readonly page: PageId }> {
    return this.deferredList;
  }

  private granted(gref: Gref): Extract<Entry, { kind: 'granted' }> {
    const e = this.entries[gref];
    if (e?.kind !== 'granted') throw new GrantTableMisuseError('NOT_GRANTED', gref);
    return e;
  }

  private release(gref: Gref): void {
    this.entries[gref] = { kind: 'free' };
    this.freeList.push(gref);
  }
}
