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

/**
 * A deliberately naive second implementation of {@link PersistentGrantStoreApi}:
 * a `Map` plus sorting instead of a red-black tree, written straight from the
 * contract rather than from blkback.c's control flow.
 *
 * It is the oracle for model-based (differential) tests, and a worked example
 * of plugging in your own store: anything that implements the interface can
 * be run through `runStoreCommands` and compared with another implementation.
 */
export class SimpleStoreModel implements PersistentGrantStoreApi {
  private readonly nodes = new Map<Gref, MutablePersistentGrant>();
  private inUseCount = 0;
  private overflowFlag = false;

  constructor(
    public maxGrants: number = BLKBACK_DEFAULTS.maxGrants,
    readonly unusedSeconds: number = BLKBACK_DEFAULTS.unusedSeconds,
  ) {}

  setMaxGrants(maxGrants: number): void {
    this.maxGrants = maxGrants;
  }

  get size(): number {
    return this.nodes.size;
  }
  get inUse(): number {
    return this.inUseCount;
  }
  get overflow(): boolean {
    return this.overflowFlag;
  }
  has(gref: Gref): boolean {
    return this.nodes.has(gref);
  }
  isActive(gref: Gref): boolean {
    return this.nodes.get(gref)?.active === true;
  }
  grefs(): readonly Gref[] {
    return [...this.nodes.keys()].sort((a, b) => a - b);
  }
  peek(gref: Gref): PersistentGrant | undefined {
    return this.nodes.get(gref);
  }

  add(gref: Gref, handle: GrantHandle, page: PageId): AddResult {
    if (this.nodes.size >= this.maxGrants) {
      this.overflowFlag = true;
      return { ok: false, error: 'EBUSY' };
    }
    if (this.nodes.has(gref)) return { ok: false, error: 'EINVAL' };
    const node = { gref, handle, page, active: true, lastUsed: null };
    this.nodes.set(gref, node);
    this.inUseCount++;
    return { ok: true, node };
  }

  get(gref: Gref): GetResult {
    const node = this.nodes.get(gref);
    if (!node) return { ok: false, error: 'NOT_FOUND' };
    if (node.active) return { ok: false, error: 'ALREADY_IN_USE' };
    node.active = true;
    this.inUseCount++;
    return { ok: true, node };
  }

  put(node: PersistentGrant, now: number): PutResult {
    const own = this.nodes.get(node.gref);
    if (own !== node || own === undefined) return { ok: false, error: 'ESTALE' };
    const alreadyUnused = !own.active;
    own.active = false;
    own.lastUsed = now;
    this.inUseCount--;
    return { ok: true, alreadyUnused };
  }

  purge(now: number): PurgeResult {
    const numClean = purgeNumClean(this.nodes.size, this.maxGrants, this.overflowFlag);
    const idle = (): MutablePersistentGrant[] =>
      this.grefs()
        .map((g) => this.nodes.get(g))
        .filter((n): n is MutablePersistentGrant => n !== undefined && !n.active);
    const expired = idle().filter((n) => isTimedOut(n.lastUsed, now, this.unusedSeconds));
    const extra = idle()
      .filter((n) => !expired.includes(n))
      .slice(0, Math.max(0, numClean - expired.length));
    const removed = [...expired, ...extra];
    for (const n of removed) this.nodes.delete(n.gref);
    if (removed.length > 0) this.overflowFlag = false;
    return { numClean, timedOut: expired.length, removed };
  }

  teardown(): TeardownResult {
    if (this.inUseCount !== 0) return { ok: false, error: 'EBUSY' };
    const removed = this.grefs().flatMap((g) => {
      const n = this.nodes.get(g);
      return n ? [n] : [];
    });
    this.nodes.clear();
    return { ok: true, removed };
  }
}
