import type { Gref, PageId } from '../common/ids.js';

/**
 * The guest-side grant-table operations blkfront uses (drivers/xen/grant-table.c).
 * Injected into {@link GrantPool} so tests and the model checker can supply
 * their own table (e.g. one whose revokes fail on demand).
 *
 * Semantics follow grant table v1 (see the digest, section 1.6).
 */
export interface GrantTable {
  /**
   * `gnttab_claim_grant_reference`: take a free gref, or null when none is
   * free. (Linux reserves grefs per request first, so blkfront treats
   * exhaustion here as a BUG; the pool reports it as ENOSPC instead.)
   */
  claimGref(): Gref | null;

  /**
   * `gnttab_grant_foreign_access_ref(gref, backend, page, readonly = 0)`:
   * permit the backend to map `page` through `gref`, read-write (invariant
   * 11: persistent grants are mapped writable). `gref` must be claimed.
   */
  grantAccess(gref: Gref, page: PageId): void;

  /**
   * `gnttab_try_end_foreign_access`: atomically revoke if the backend does
   * not map `gref`. True: access ended and the gref is free again. False:
   * still mapped, nothing changed (v1). This single atomic step is the
   * XSA-396 fix; never split it into "query, then end" (invariant 2).
   */
  tryEndForeignAccess(gref: Gref): boolean;

  /**
   * The deferred half of `gnttab_end_foreign_access(gref, page)`, called
   * after `tryEndForeignAccess` failed: queue `gref` for release once the
   * backend unmaps it, holding a reference on `page` so the page is not
   * reused meanwhile (invariant 3, CVE-2022-23041).
   */
  endForeignAccessDeferred(gref: Gref, page: PageId): void;
}
