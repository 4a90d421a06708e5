import type { GrantHandle, Gref, PageId } from '../common/ids.js';

/**
 * One node of blkback's persistent-grant tree (`struct persistent_gnt` in
 * drivers/block/xen-blkback/common.h): a grant the backend keeps mapped
 * across requests.
 *
 * Callers see it read-only; only the store changes `active` and `lastUsed`.
 * Identity matters: {@link PersistentGrantStoreApi.put} takes back the very
 * object that `get`/`add` handed out, as Linux keeps the node pointer in
 * `pending_req->segments[i]->persistent_gnt`.
 */
export interface PersistentGrant {
  readonly gref: Gref;
  readonly handle: GrantHandle;
  /** The backend page the grant is mapped into. */
  readonly page: PageId;
  /** True while exactly one in-flight segment uses the node (invariant 7). */
  readonly active: boolean;
  /**
   * Time of the last `put` (Linux `last_used`, in jiffies; here in the
   * caller's time unit, the same one as `unusedSeconds`). Null until the
   * first put: Linux kmallocs the node and leaves `last_used` unset, which is
   * harmless because a node is active from `add` until its first `put`.
   */
  readonly lastUsed: number | null;
}

/** The store's own, writable view of a node. */
export interface MutablePersistentGrant {
  readonly gref: Gref;
  readonly handle: GrantHandle;
  readonly page: PageId;
  active: boolean;
  lastUsed: number | null;
}

/** Linux defaults (module parameters and #defines in blkback.c). */
export const BLKBACK_DEFAULTS = {
  /** `max_persistent_grants` (max_pgrants), per ring. */
  maxGrants: 1056,
  /** `persistent_grant_unused_seconds`; 0 means never time out. */
  unusedSeconds: 60,
  /** `LRU_PERCENT_CLEAN`. */
  lruPercentClean: 5,
} as const;
