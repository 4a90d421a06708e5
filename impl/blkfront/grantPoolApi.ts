import type { Gref, PageId } from '../common/ids.js';

/**
 * One blkfront grant entry (`struct grant` in xen-blkfront.c): a private
 * page and, while access to it is granted, its gref.
 *
 * Callers see it read-only; only the pool changes `gref`. Identity matters:
 * give back the very object `take` returned (Linux keeps the pointer in
 * `shadow[id].grants_used[]`).
 */
export interface GrantEntry {
  /** The gref granting the backend access to `page`, or null (INVALID_GRANT_REF). */
  readonly gref: Gref | null;
  /** The entry's own (bounce) page; fixed for the entry's lifetime. */
  readonly page: PageId;
}

/**
 * Result of {@link GrantPoolApi.take} (`get_grant` / `get_free_grant`).
 * - `reused`: true when the head entry still held a gref (a persistent grant,
 *   no grant-table call); false when a fresh gref was claimed and granted.
 * - `EMPTY`: no free entry (Linux BUG_ONs; the ring's request budget keeps it
 *   from happening).
 * - `ENOSPC`: a fresh gref was needed and the grant table had none (Linux
 *   reserves grefs per request beforehand and BUG_ONs here). Nothing changes.
 */
export type TakeResult =
  | { readonly ok: true; readonly entry: GrantEntry; readonly reused: boolean }
  | { readonly ok: false; readonly error: 'EMPTY' | 'ENOSPC' };

/**
 * Result of {@link GrantPoolApi.giveBack} (one iteration of the loop in
 * `blkif_completion`).
 * - `placed: 'tail'`: the revoke succeeded; gref freed, entry at the tail.
 * - `placed: 'head'`: the revoke failed and persistent grants are in use; the
 *   entry keeps its gref and goes to the head, `persistentCount` + 1.
 * - `BACKEND_NOT_UNMAPPED`: the revoke failed without persistent grants. Linux
 *   logs "backed has not unmapped grant: %u" and `blkif_completion` returns -1,
 *   which puts the device in BLKIF_STATE_ERROR (XSA-396). The entry stays in
 *   flight with its gref; the caller must stop processing the request.
 * - `NOT_IN_FLIGHT`: the entry was not taken from this pool (or was already
 *   given back). Nothing changes. Linux has no such check (it would corrupt
 *   its list); the pool refuses instead.
 */
export type GiveBackResult =
  | { readonly ok: true; readonly placed: 'head' | 'tail' }
  | { readonly ok: false; readonly error: 'BACKEND_NOT_UNMAPPED'; readonly gref: Gref }
  | { readonly ok: false; readonly error: 'NOT_IN_FLIGHT' };

/** Result of {@link GrantPoolApi.purge} (`purge_persistent_grants`). */
export interface FrontPurgeResult {
  /** Entries whose gref was revoked and freed, now at the tail, in list order. */
  readonly demoted: readonly GrantEntry[];
}

/** Result of {@link GrantPoolApi.teardown} (the grant part of `blkif_free_ring`). */
export interface FrontTeardownResult {
  /** Every entry the pool held, free ones (head to tail) then in-flight ones. */
  readonly released: readonly GrantEntry[];
  /**
   * Grefs the backend still mapped, handed to the grant table's deferred
   * release together with their page (which must therefore not be reused).
   */
  readonly deferred: ReadonlyArray<{ readonly gref: Gref; readonly page: PageId }>;
}

/**
 * blkfront's per-ring pool of grant entries: what a model or a test needs
 * from `rinfo->grants`, `persistent_gnts_c` and the operations on them.
 * Implement this to substitute your own pool; {@link GrantPool} is the
 * Linux-faithful one.
 *
 * The free list is ordered: entries holding a gref come first (most recently
 * returned first), entries without one last. In-flight entries are not on it.
 */
export interface GrantPoolApi {
  /** Whether persistent grants were negotiated (`info->feature_persistent`). */
  readonly persistent: boolean;
  /** `persistent_gnts_c`: free entries that still hold a gref. */
  readonly persistentCount: number;
  /** Entries on the free list. */
  readonly freeCount: number;
  /** Entries taken and not yet given back. */
  readonly inFlightCount: number;

  /** The free list, head to tail. */
  freeEntries(): readonly GrantEntry[];
  /** In-flight entries, in the order they were taken. */
  inFlightEntries(): readonly GrantEntry[];

  /** Take the head entry for one segment, granting it if it holds no gref. */
  take(): TakeResult;
  /** Return an in-flight entry after its request completed, revoking if possible. */
  giveBack(entry: GrantEntry): GiveBackResult;
  /** The periodic scan: revoke every free entry the backend no longer maps. */
  purge(): FrontPurgeResult;
  /** End access on every entry (free and in flight) and empty the pool. */
  teardown(): FrontTeardownResult;
}
