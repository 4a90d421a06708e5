import type { Gref } from '../common/ids.js';

/** A node of the reference model's backend tree: `tree[g]` is Idle or Active (absent nodes are not stored). */
export interface ReferenceNode {
  state: 'Idle' | 'Active';
  /** `treeFrame[g]`: the page the grant is mapped into. */
  readonly page: number;
  readonly handle: number;
  /** When it was last released (blkback's `last_used`), null before the first release. */
  lastUsed: number | null;
}

/**
 * The backend's persistent-grant tree as the blkif reference model states it
 * (`tree[g]` in Absent/Idle/Active, `treeSize <= MAXP`), plus what blkback adds to it:
 * the overflow flag and the purge's timeout and `num_clean` rules. Written from the
 * reference page and the digest (section 1.5), not from the implementation: it is the
 * model a store is checked against step by step, so it shares no code with one.
 *
 * Each method applies one operation and returns the result the store API must give.
 */
export class ReferenceTree {
  readonly tree = new Map<Gref, ReferenceNode>();
  overflow = false;

  constructor(
    public maxGrants: number,
    readonly unusedSeconds: number,
  ) {}

  get inUse(): number {
    let n = 0;
    for (const node of this.tree.values()) if (node.state === 'Active') n++;
    return n;
  }

  /** get_persistent_gnt: reuse an Idle node (BackMap's "reuse, no hypercall"). */
  get(g: Gref): { ok: true } | { ok: false; error: 'NOT_FOUND' | 'ALREADY_IN_USE' } {
    const node = this.tree.get(g);
    if (node === undefined) return { ok: false, error: 'NOT_FOUND' };
    if (node.state === 'Active') return { ok: false, error: 'ALREADY_IN_USE' };
    node.state = 'Active';
    return { ok: true };
  }

  /** add_persistent_gnt after a fresh map: the limit first (setting overflow), then duplicates. */
  add(g: Gref, handle: number, page: number): { ok: true } | { ok: false; error: 'EBUSY' | 'EINVAL' } {
    if (this.tree.size >= this.maxGrants) {
      this.overflow = true;
      return { ok: false, error: 'EBUSY' };
    }
    if (this.tree.has(g)) return { ok: false, error: 'EINVAL' };
    this.tree.set(g, { state: 'Active', page, handle, lastUsed: null });
    return { ok: true };
  }

  /** BackRespond for a persistent mapping: `tree[g] := Idle`, stamped with the time. */
  put(g: Gref, now: number): void {
    const node = this.tree.get(g)!;
    node.state = 'Idle';
    node.lastUsed = now;
  }

  /**
   * The LRU/timeout purge (the `lru` variant's LruPurge, made deterministic as blkback
   * does it): every Idle node idle for `unusedSeconds` or more, then further Idle nodes
   * in gref order until `num_clean` are gone. `num_clean` is 0 below the limit (and at
   * it without overflow), else 5% of the limit (rounded down per 100) plus the excess,
   * at most the node count. Active nodes are never purged.
   */
  purge(now: number): { numClean: number; timedOut: number; removed: Gref[] } {
    const c = this.tree.size;
    const max = this.maxGrants;
    const numClean = c < max || (c === max && !this.overflow) ? 0 : Math.min(c, c - max + Math.floor(max / 100) * 5);
    const idle = [...this.tree.keys()].sort((a, b) => a - b).filter((g) => this.tree.get(g)!.state === 'Idle');
    const expired = idle.filter((g) => {
      const t = this.tree.get(g)!.lastUsed;
      return this.unusedSeconds !== 0 && t !== null && now - t >= this.unusedSeconds;
    });
    const extra = idle.filter((g) => !expired.includes(g)).slice(0, Math.max(0, numClean - expired.length));
    const removed = [...expired, ...extra];
    for (const g of removed) this.tree.delete(g);
    if (removed.length > 0) this.overflow = false;
    return { numClean, timedOut: expired.length, removed };
  }

  /** BackDisconnect: unmap every node, only when nothing is in flight (`¬busy`). */
  teardown(): { ok: true; removed: Gref[] } | { ok: false; error: 'EBUSY' } {
    if (this.inUse > 0) return { ok: false, error: 'EBUSY' };
    const removed = [...this.tree.keys()].sort((a, b) => a - b);
    this.tree.clear();
    return { ok: true, removed };
  }
}
