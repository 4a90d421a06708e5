import { WordHasher } from '../state/hash.js';
import type { MemoryBudget } from './budget.js';
import { SEEN, type StateStore } from './store.js';

const RECENT_MASK = (1 << 14) - 1;

/**
 * Hash-compaction seen-set: only a 64-bit fingerprint per state, in an open-addressing
 * table of (lo, hi) pairs. Two distinct states with the same fingerprint are taken for
 * one, so a run may miss states; {@link omissionProbability} bounds that chance.
 * States cannot be read back, so the explorer keeps its frontier's words itself.
 */
export class FingerprintStore implements StateStore {
  readonly kind = 'fingerprint' as const;
  readonly readable = false;
  count = 0;
  private table: Uint32Array;
  private mask: number;
  private readonly hasher = new WordHasher();
  /** (lo, hi) pairs; (0, 0) never matches a real fingerprint, which is made non-zero above. */
  private readonly recent = new Uint32Array((RECENT_MASK + 1) * 2);

  constructor(
    private readonly words: number,
    private readonly budget: MemoryBudget,
    initialCapacity = 1 << 12,
  ) {
    const cap = 1 << Math.max(4, Math.ceil(Math.log2(initialCapacity)));
    budget.reserve(cap * 8);
    this.table = new Uint32Array(cap * 2);
    this.mask = cap - 1;
  }

  insert(src: Uint32Array, off: number): number {
    this.hasher.hash(src, off, this.words);
    let lo = this.hasher.lo;
    const hi = this.hasher.hi;
    if (lo === 0 && hi === 0) lo = 1; // (0, 0) marks an empty slot
    // A small direct-mapped cache of recent fingerprints answers most repeats without
    // touching the large table (one cache miss saved per repeated successor).
    const rc = ((lo >>> 16) & RECENT_MASK) * 2;
    const recent = this.recent;
    if (recent[rc] === lo && recent[rc + 1] === hi) return SEEN;
    if ((this.count + 1) * 4 > (this.mask + 1) * 3) this.grow();
    const table = this.table;
    const mask = this.mask;
    let slot = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    for (;;) {
      const a = table[slot * 2]!;
      const b = table[slot * 2 + 1]!;
      if (a === 0 && b === 0) break;
      if (a === lo && b === hi) {
        recent[rc] = lo;
        recent[rc + 1] = hi;
        return SEEN;
      }
      slot = (slot + 1) & mask;
    }
    table[slot * 2] = lo;
    table[slot * 2 + 1] = hi;
    recent[rc] = lo; // cached only once stored: a failed insert leaves no trace
    recent[rc + 1] = hi;
    return this.count++;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    this.budget.reserve(cap * 8);
    const old = this.table;
    const table = new Uint32Array(cap * 2);
    const mask = cap - 1;
    for (let i = 0; i < old.length; i += 2) {
      const lo = old[i]!;
      const hi = old[i + 1]!;
      if (lo === 0 && hi === 0) continue;
      let slot = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
      while (table[slot * 2] !== 0 || table[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
      table[slot * 2] = lo;
      table[slot * 2 + 1] = hi;
    }
    this.budget.release(old.byteLength);
    this.table = table;
    this.mask = mask;
  }

  lookup(): number {
    throw new Error('a fingerprint store cannot map a state to its id');
  }

  bufferOf(): Uint32Array {
    throw new Error('a fingerprint store cannot read states back');
  }

  offsetOf(): number {
    throw new Error('a fingerprint store cannot read states back');
  }

  bytes(): number {
    return this.table.byteLength;
  }

  /**
   * Chance that at least two of the `count` distinct states share a fingerprint,
   * n(n-1)/2 / 2^64 (the birthday bound TLC reports as its "optimistic" estimate).
   */
  omissionProbability(): number {
    const n = this.count;
    return Math.min(1, (n * (n - 1)) / 2 / 2 ** 64);
  }
}
