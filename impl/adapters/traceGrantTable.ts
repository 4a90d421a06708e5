import type { Gref, PageId } from '../common/ids.js';
import type { GrantTable } from '../blkfront/grantTable.js';

/**
 * The guest grant table as a trace drives it, for replaying traces on a grant pool.
 * Which gref a grant claims is the trace's choice (`FrontSubmitGrant(e, s, g)` names g),
 * and whether the backend still maps a gref is the trace's state (`pin[g]` before the
 * step); what the pool does with them (grant, revoke, defer) is recorded here and
 * compared with the model's grant table.
 */
export class TraceGrantTable implements GrantTable {
  /** The gref the next claim returns; null makes the claim fail. */
  nextGref: Gref | null = null;
  /** `pin[g]` in the model state before the current step. */
  pins: readonly number[] = [];
  /** Grefs the pool granted, and the page each grants. */
  readonly granted = new Map<Gref, PageId>();
  /** Grants whose release the pool deferred, with their page. */
  readonly deferred = new Map<Gref, PageId>();

  claimGref(): Gref | null {
    const g = this.nextGref;
    this.nextGref = null;
    return g;
  }

  grantAccess(gref: Gref, page: PageId): void {
    this.granted.set(gref, page);
  }

  tryEndForeignAccess(gref: Gref): boolean {
    if ((this.pins[gref] ?? 0) > 0) return false;
    this.granted.delete(gref);
    return true;
  }

  endForeignAccessDeferred(gref: Gref, page: PageId): void {
    this.deferred.set(gref, page);
  }

  /** The deferred-release timer for one gref: released once nothing maps it. */
  releaseDeferred(gref: Gref): boolean {
    if (!this.deferred.has(gref) || (this.pins[gref] ?? 0) > 0) return false;
    this.deferred.delete(gref);
    this.granted.delete(gref);
    return true;
  }
}
