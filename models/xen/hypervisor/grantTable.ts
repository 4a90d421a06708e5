/**
 * The Xen grant table of one granting (guest) domain, as seen by one mapping (backend)
 * domain: per grant reference, whether access is permitted, which frame is granted,
 * and how many backend mappings pin it (GTF_reading/writing = `pin > 0`).
 *
 * Written once for every Xen model: a model adds {@link grantTableShape} to its state
 * shape and calls these operations; its view must have these three fields. Failure
 * modes follow `GNTTABOP_map_grant_ref` / `gnttab_end_foreign_access_ref_v1`
 * (digest §1.6): mapping an entry without a permit fails (GNTST_general_error), and a
 * guest cannot revoke an entry that is still pinned.
 */
import { array, bool, int } from '../../../src/layout/shape.js';
import type { ScalarArrayView } from '../../../src/layout/shape.js';
import type { EffectSink } from '../../../src/model/effects.js';

export interface GrantTableView {
  readonly gtPermit: ScalarArrayView<boolean>;
  readonly gtFrame: ScalarArrayView<number>;
  readonly pin: ScalarArrayView<number>;
}

/** `grefs` entries granting one of `frames` frames, each pinned at most `maxPin` times. */
export function grantTableShape(grefs: number, frames: number, maxPin: number) {
  return {
    gtPermit: array(grefs, bool()),
    gtFrame: array(grefs, int(0, Math.max(0, frames - 1))),
    pin: array(grefs, int(0, maxPin)),
  };
}

/** Effect names the grant table reports, for cost measurements. */
export const GT_EFFECTS = { map: 'mapHypercallOps', unmap: 'unmapHypercallOps', mapFailed: 'mapFailures' } as const;

export const GrantTable = {
  /** The guest grants `frame` to the backend through entry `g` (writes domid, frame, then flags). */
  grant(v: GrantTableView, g: number, frame: number): void {
    v.gtPermit.set(g, true);
    v.gtFrame.set(g, frame);
  },

  /** Clears entry `g` (frame reset to 0, as the reference model's canonical form requires). */
  clear(v: GrantTableView, g: number): void {
    v.gtPermit.set(g, false);
    v.gtFrame.set(g, 0);
  },

  /**
   * `gnttab_try_end_foreign_access`: revokes atomically iff nothing pins the entry.
   * Returns whether access ended.
   */
  tryEndForeignAccess(v: GrantTableView, g: number): boolean {
    if (v.pin.get(g) !== 0) return false;
    GrantTable.clear(v, g);
    return true;
  },

  /**
   * `GNTTABOP_map_grant_ref` for one op: with a permit, pins the entry and returns the
   * granted frame; without one the op fails (returns -1, nothing changes).
   */
  map(v: GrantTableView, g: number, fx: EffectSink): number {
    fx.add(GT_EFFECTS.map, 1);
    if (!v.gtPermit.get(g)) {
      fx.add(GT_EFFECTS.mapFailed, 1);
      return -1;
    }
    v.pin.set(g, v.pin.get(g) + 1);
    return v.gtFrame.get(g);
  },

  /**
   * One op of `GNTTABOP_unmap_grant_ref`: drops one pin. The caller must flush the
   * TLBs in the same batch before anyone can observe the lower pin count (§1.6:
   * unmap, flush, then complete); `UnmapBatch` (./unmapBatch.ts) does both.
   */
  unmapOp(v: GrantTableView, g: number, fx: EffectSink): void {
    fx.add(GT_EFFECTS.unmap, 1);
    v.pin.set(g, v.pin.get(g) - 1);
  },
};

/**
 * Grant table v2's revoke, for models that opt in (v1 models are untouched). In v2,
 * `_gnttab_end_foreign_access_ref` clears the entry's flags *before* it checks the
 * status (digest §1.6, §4 B15): a failed end-access still withdraws the permit, so new
 * maps fail while existing pins keep working. `gtWithdrawn[g]` records that state: the
 * entry is no longer permitted but still allocated to its owner, who has not seen an
 * end-access succeed.
 */
export interface GrantTableV2View extends GrantTableView {
  readonly gtWithdrawn: ScalarArrayView<boolean>;
}

export function grantTableV2Shape(grefs: number) {
  return { gtWithdrawn: array(grefs, bool()) };
}

export const GrantTableV2 = {
  /** `gnttab_try_end_foreign_access` under v2: ends access iff unpinned, and withdraws the permit either way. */
  tryEndForeignAccess(v: GrantTableV2View, g: number): boolean {
    if (GrantTable.tryEndForeignAccess(v, g)) {
      v.gtWithdrawn.set(g, false);
      return true;
    }
    v.gtPermit.set(g, false);
    v.gtWithdrawn.set(g, true);
    return false;
  },

  /** Releases entry `g` for good (a deferred end-access that finally succeeded). */
  clear(v: GrantTableV2View, g: number): void {
    GrantTable.clear(v, g);
    v.gtWithdrawn.set(g, false);
  },
};
