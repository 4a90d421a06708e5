import type { GrantHandle, Gref, PageId } from '../common/ids.js';
import type { PersistentGrant } from './persistentGrant.js';

/**
 * Result of {@link PersistentGrantStoreApi.add} (Linux `add_persistent_gnt`).
 * - `EBUSY`: the tree already holds `maxGrants` nodes (or more); the store's
 *   `overflow` flag is now set. The caller keeps the mapping non-persistent.
 * - `EINVAL`: the gref is already in the tree (invariant 6). Linux logs
 *   "trying to add a gref that's already in the tree"; the caller frees its
 *   new node and keeps the mapping non-persistent.
 * The limit is checked before the duplicate, as in Linux.
 */
export type AddResult =
  | { readonly ok: true; readonly node: PersistentGrant }
  | { readonly ok: false; readonly error: 'EBUSY' | 'EINVAL' };

/**
 * Result of {@link PersistentGrantStoreApi.get} (Linux `get_persistent_gnt`,
 * which returns NULL in both failure cases; the caller then maps the gref
 * afresh).
 * - `NOT_FOUND`: no node for the gref.
 * - `ALREADY_IN_USE`: the node is active, i.e. the same gref is already used
 *   by an in-flight segment. Linux logs "requesting a grant already in use".
 */
export type GetResult =
  | { readonly ok: true; readonly node: PersistentGrant }
  | { readonly ok: false; readonly error: 'NOT_FOUND' | 'ALREADY_IN_USE' };

/**
 * Result of {@link PersistentGrantStoreApi.put} (Linux `put_persistent_gnt`).
 * - `ok: true`: the effects were applied. `alreadyUnused` is true when the
 *   node was not active: Linux logs "freeing a grant already unused" and
 *   still decrements the in-use counter, so `inUse` then no longer equals the
 *   number of active nodes. That drift is kept on purpose: it is what a
 *   checker of invariant 7 should see after a double put.
 * - `ESTALE`: the node is no longer in this store (purged, torn down, or
 *   never belonged to it). Nothing changes. In Linux this would be a write to
 *   freed memory; there is nothing faithful to imitate.
 */
export type PutResult =
  | { readonly ok: true; readonly alreadyUnused: boolean }
  | { readonly ok: false; readonly error: 'ESTALE' };

/** Result of {@link PersistentGrantStoreApi.purge} (Linux `purge_persistent_gnt`). */
export interface PurgeResult {
  /** `num_clean`: the minimum pass 2 aimed for (see `purgeNumClean`). */
  readonly numClean: number;
  /** How many of `removed` came from pass 1 (idle and timed out). */
  readonly timedOut: number;
  /**
   * Removed nodes, pass 1 first, each pass in ascending gref order. They are
   * out of the tree and `count` no longer includes them; the caller must unmap
   * them (Linux's `xen_blkbk_unmap_purged_grants` worker). Never active ones.
   */
  readonly removed: readonly PersistentGrant[];
}

/**
 * Result of {@link PersistentGrantStoreApi.teardown} (Linux
 * `free_persistent_gnts`, reached from `xen_blkif_disconnect`).
 * - `EBUSY`: some node is in use; nothing changes. Linux never gets here with
 *   I/O in flight (disconnect returns -EBUSY while `inflight > 0`, then
 *   BUG_ONs `persistent_gnt_in_use != 0`); the store enforces it itself.
 */
export type TeardownResult =
  | { readonly ok: true; readonly removed: readonly PersistentGrant[] }
  | { readonly ok: false; readonly error: 'EBUSY' };

/**
 * The backend's per-ring persistent-grant store: what a model or a test needs
 * from blkback's tree, counters and purge. Implement this to substitute your
 * own store; {@link PersistentGrantStore} is the Linux-faithful one.
 *
 * Time is an abstract number supplied by the caller (`now`), in the same
 * unit as the store's `unusedSeconds`.
 */
export interface PersistentGrantStoreApi {
  /** `max_persistent_grants` for this ring. */
  readonly maxGrants: number;
  /**
   * Change the limit at run time, as writing the 0644 module parameter does.
   * Lowering it below `size` removes nothing by itself; later purges do,
   * through the excess term of `num_clean`. Note that with a limit under 100
   * the 5 % term is 0, so at small limits the LRU pass only ever runs when
   * `size > maxGrants`, i.e. after such a change.
   */
  setMaxGrants(maxGrants: number): void;
  /** `persistent_gnt_c`: nodes in the tree. */
  readonly size: number;
  /** `persistent_gnt_in_use`: number of `add`/`get` successes not yet `put`. */
  readonly inUse: number;
  /** `vbd.overflow_max_grants`: an add was refused since the last purge that removed something. */
  readonly overflow: boolean;

  /** Is there a node for `gref`? */
  has(gref: Gref): boolean;
  /** Is the node for `gref` active? False when absent. */
  isActive(gref: Gref): boolean;
  /** All grefs in the tree, ascending. */
  grefs(): readonly Gref[];
  /** The node for `gref`, without changing it (for inspection only). */
  peek(gref: Gref): PersistentGrant | undefined;

  /** Insert a freshly mapped grant as an active node. */
  add(gref: Gref, handle: GrantHandle, page: PageId): AddResult;
  /** Look up `gref` and, if it is idle, make it active. */
  get(gref: Gref): GetResult;
  /** Release a node after its segment completed, at time `now`. */
  put(node: PersistentGrant, now: number): PutResult;
  /** The periodic LRU/timeout purge at time `now`. */
  purge(now: number): PurgeResult;
  /** Remove every node at disconnect; refused while any node is in use. */
  teardown(): TeardownResult;
}
