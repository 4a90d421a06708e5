import type { GrantHandle, Gref, PageId } from '../common/ids.js';
import { BLKBACK_DEFAULTS } from './persistentGrant.js';
import type { MutablePersistentGrant, PersistentGrant } from './persistentGrant.js';
import type {
  AddResult,
  GetResult,
  PersistentGrantStoreApi,
  PurgeResult,
  PutResult,
  TeardownResult,
} from './persistentGrantStoreApi.js';
import { isTimedOut, purgeNumClean } from './purgeArithmetic.js';
import { RbTree, compareNumbers } from './rbtree.js';

export interface PersistentGrantStoreOptions {
  /** `max_persistent_grants`; default 1056. */
  readonly maxGrants?: number;
  /** `persistent_grant_unused_seconds`; default 60; 0 = never time out. */
  readonly unusedSeconds?: number;
}

/**
 * blkback's per-ring persistent-grant store, following the current mainline
 * drivers/block/xen-blkback/blkback.c: `add_persistent_gnt`,
 * `get_persistent_gnt`, `put_persistent_gnt`, `purge_persistent_gnt` and
 * `free_persistent_gnts`, over a red-black tree keyed by gref.
 *
 * What it leaves out: the map/unmap hypercalls (the caller maps before `add`
 * and unmaps what `purge`/`teardown` return), the purge worker and its
 * `work_busy` skip, the page cache, and atomics (Linux needs them only because
 * `put` runs in completion context; here every call is one atomic step).
 */
export class PersistentGrantStore implements PersistentGrantStoreApi {
  protected readonly tree = new RbTree<Gref, MutablePersistentGrant>(compareNumbers);
  protected inUseCount = 0;
  protected overflowFlag = false;
  private maxGrantsValue: number;
  readonly unusedSeconds: number;

  constructor(options: PersistentGrantStoreOptions = {}) {
    this.maxGrantsValue = options.maxGrants ?? BLKBACK_DEFAULTS.maxGrants;
    this.unusedSeconds = options.unusedSeconds ?? BLKBACK_DEFAULTS.unusedSeconds;
  }

  get maxGrants(): number {
    return this.maxGrantsValue;
  }

  setMaxGrants(maxGrants: number): void {
    this.maxGrantsValue = maxGrants;
  }

  get size(): number {
    return this.tree.size;
  }

  get inUse(): number {
    return this.inUseCount;
  }

  get overflow(): boolean {
    return this.overflowFlag;
  }

  has(gref: Gref): boolean {
    return this.tree.has(gref);
  }

  isActive(gref: Gref): boolean {
    return this.tree.get(gref)?.active ?? false;
  }

  grefs(): readonly Gref[] {
    return this.tree.keys();
  }

  peek(gref: Gref): PersistentGrant | undefined {
    return this.tree.get(gref);
  }

  add(gref: Gref, handle: GrantHandle, page: PageId): AddResult {
    // Limit first, then duplicate: the order of the checks in Linux.
    if (this.atLimit()) {
      this.overflowFlag = true;
      return { ok: false, error: 'EBUSY' };
    }
    const node: MutablePersistentGrant = { gref, handle, page, active: true, lastUsed: null };
    if (!this.insertNode(node)) return { ok: false, error: 'EINVAL' };
    this.inUseCount++;
    return { ok: true, node };
  }

  get(gref: Gref): GetResult {
    const node = this.tree.get(gref);
    if (node === undefined) return { ok: false, error: 'NOT_FOUND' };
    if (node.active) return { ok: false, error: 'ALREADY_IN_USE' };
    node.active = true;
    this.inUseCount++;
    return { ok: true, node };
  }

  put(node: PersistentGrant, now: number): PutResult {
    const own = this.tree.get(node.gref);
    if (own === undefined || own !== node) return { ok: false, error: 'ESTALE' };
    const alreadyUnused = !own.active;
    // Linux only logs for an inactive node and applies the effects anyway.
    own.lastUsed = now;
    own.active = false;
    this.inUseCount--;
    return { ok: true, alreadyUnused };
  }

  purge(now: number): PurgeResult {
    const numClean = purgeNumClean(this.tree.size, this.maxGrantsValue, this.overflowFlag);
    const removed: MutablePersistentGrant[] = [];
    // Pass 1: every idle node that timed out, whatever num_clean says.
    for (const node of this.tree.values()) {
      if (this.mayPurge(node) && isTimedOut(node.lastUsed, now, this.unusedSeconds)) {
        this.tree.delete(node.gref);
        removed.push(node);
      }
    }
    const timedOut = removed.length;
    // Pass 2 (Linux's `scan_used`): more idle nodes, in gref order, up to num_clean.
    if (removed.length < numClean) {
      for (const node of this.tree.values()) {
        if (removed.length >= numClean) break;
        if (!this.mayPurge(node)) continue;
        this.tree.delete(node.gref);
        removed.push(node);
      }
    }
    // Linux clears overflow (and schedules the unmap work) only if it removed something.
    if (removed.length > 0) this.overflowFlag = false;
    return { numClean, timedOut, removed };
  }

  teardown(): TeardownResult {
    if (this.inUseCount !== 0) return { ok: false, error: 'EBUSY' };
    const removed = this.tree.values();
    this.tree.clear();
    return { ok: true, removed };
  }

  /** Whether `add` must refuse for the limit (invariant 8). */
  protected atLimit(): boolean {
    return this.tree.size >= this.maxGrantsValue;
  }

  /** Whether the purge may take `node`. Linux: only inactive nodes (invariant 9). */
  protected mayPurge(node: PersistentGrant): boolean {
    return !node.active;
  }

  /** Links `node` into the tree; false if its gref is already there. */
  protected insertNode(node: MutablePersistentGrant): boolean {
    return this.tree.insert(node.gref, node).inserted;
  }
}
