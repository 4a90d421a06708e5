import { hash32 } from '../state/hash.js';
import type { MemoryBudget } from './budget.js';
import { SEEN, type StateStore } from './store.js';

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
/** The recent-state cache takes about this many bytes: small enough to stay in a core's L2 cache. */
const RECENT_BYTES = 1 << 19;
/** States rehashed together when the table grows (see grow). */
const GROW_BLOCK = 256;

/**
 * Exact seen-set: every state's words kept in chunks indexed by id, and an
 * open-addressing table (linear probing) keyed by a 32-bit hash. With a table of 2^k
 * slots, an entry is `id + 1` in its low k bits and, in the high 32 - k bits, the hash
 * bits the slot index does not use (a tag). A probe compares tags first and reads a
 * state's words only on a tag match, so a lookup costs about one cache miss in the
 * table instead of one per probed state. Chunks mean growth never copies states; only
 * the table is rehashed.
 */
export class FullStateStore implements StateStore {
  readonly kind = 'full' as const;
  readonly readable = true;
  count = 0;
  private readonly chunks: Uint32Array[] = [];
  private table: Uint32Array;
  private mask: number;
  /** log2 of the table size: ids take the low `bits` bits of an entry, the tag the rest. */
  private bits: number;
  /** Where grow's touches go, so that the compiler keeps the loads. */
  private sink = 0;
  /**
   * Direct-mapped cache of recently stored or found states: entries of `words + 1`
   * words, a 1 marking the entry valid, then the state (one cache line to check).
   */
  private readonly recent: Uint32Array;
  private readonly recentMask: number;

  constructor(
    private readonly words: number,
    private readonly budget: MemoryBudget,
    initialCapacity = 1 << 12,
  ) {
    const entries = 2 ** Math.max(8, Math.min(16, Math.floor(Math.log2(RECENT_BYTES / ((words + 1) * 4)))));
    this.recent = new Uint32Array(entries * (words + 1));
    this.recentMask = entries - 1;
    this.bits = Math.max(4, Math.ceil(Math.log2(initialCapacity)));
    const cap = 2 ** this.bits;
    budget.reserve(cap * 4);
    this.table = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  insert(src: Uint32Array, off: number): number {
    const w = this.words;
    if ((this.count + 1) * 4 > this.table.length * 3) this.grow();
    const h = hash32(src, off, w);
    const table = this.table;
    const mask = this.mask;
    const bits = this.bits;
    // A small direct-mapped cache of recently seen states answers most repeats
    // without touching the (large, uncached) table and chunks.
    const recent = this.recent;
    const rc = ((h >>> 8) & this.recentMask) * (w + 1);
    if (recent[rc] === 1) {
      let r = 0;
      while (r < w && recent[rc + 1 + r] === src[off + r]) r++;
      if (r === w) return SEEN;
    }
    const tag = (h >>> bits) << bits;
    let slot = h & mask;
    for (;;) {
      const entry = table[slot]!;
      if (entry === 0) break;
      if (((entry ^ tag) & ~mask) === 0) {
        const id = (entry & mask) - 1;
        const chunk = this.chunks[id >>> CHUNK_BITS]!;
        let at = (id & (CHUNK - 1)) * w;
        let i = 0;
        while (i < w && chunk[at] === src[off + i]) {
          i++;
          at++;
        }
        if (i === w) {
          this.remember(rc, src, off);
          return SEEN;
        }
      }
      slot = (slot + 1) & mask;
    }
    const id = this.count;
    if ((id & (CHUNK - 1)) === 0) {
      this.budget.reserve(CHUNK * w * 4);
      this.chunks.push(new Uint32Array(CHUNK * w));
    }
    const chunk = this.chunks[id >>> CHUNK_BITS]!;
    const at = (id & (CHUNK - 1)) * w;
    for (let i = 0; i < w; i++) chunk[at + i] = src[off + i]!; // no subarray: it allocates

    table[slot] = (tag | (id + 1)) >>> 0;
    this.count = id + 1;
    this.remember(rc, src, off);
    return id;
  }

  /** Caches a state known to be stored (only then: a failed insert must leave no trace). */
  private remember(rc: number, src: Uint32Array, off: number): void {
    const recent = this.recent;
    const w = this.words;
    recent[rc] = 1;
    for (let r = 0; r < w; r++) recent[rc + 1 + r] = src[off + r]!;
  }

  lookup(src: Uint32Array, off: number): number {
    const w = this.words;
    const mask = this.mask;
    const h = hash32(src, off, w);
    const tag = (h >>> this.bits) << this.bits;
    let slot = h & mask;
    for (;;) {
      const entry = this.table[slot]!;
      if (entry === 0) return SEEN;
      if (((entry ^ tag) & ~mask) === 0) {
        const id = (entry & mask) - 1;
        const chunk = this.chunks[id >>> CHUNK_BITS]!;
        const at = (id & (CHUNK - 1)) * w;
        let i = 0;
        while (i < w && chunk[at + i] === src[off + i]) i++;
        if (i === w) return id;
      }
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    if (this.bits >= 31) throw new RangeError('Invalid typed array length: the state table cannot grow past 2^31 slots');
    const bits = this.bits + 1;
    const cap = 2 ** bits;
    this.budget.reserve(cap * 4);
    const table = new Uint32Array(cap);
    const mask = cap - 1;
    const w = this.words;
    // In blocks: hash a block's states, read each one's home slot in a loop of
    // independent loads (so that their cache misses overlap), then place them.
    const hashes = new Uint32Array(GROW_BLOCK);
    let sink = 0;
    for (let start = 0; start < this.count; start += GROW_BLOCK) {
      const n = Math.min(GROW_BLOCK, this.count - start);
      for (let i = 0; i < n; i++) {
        const id = start + i;
        hashes[i] = hash32(this.chunks[id >>> CHUNK_BITS]!, (id & (CHUNK - 1)) * w, w);
      }
      for (let i = 0; i < n; i++) sink ^= table[hashes[i]! & mask]!;
      for (let i = 0; i < n; i++) {
        const h = hashes[i]!;
        let slot = h & mask;
        while (table[slot] !== 0) slot = (slot + 1) & mask;
        table[slot] = (((h >>> bits) << bits) | (start + i + 1)) >>> 0;
      }
    }
    this.sink ^= sink;
    this.budget.release(this.table.length * 4);
    this.table = table;
    this.mask = mask;
    this.bits = bits;
  }

  bufferOf(id: number): Uint32Array {
    return this.chunks[id >>> CHUNK_BITS]!;
  }

  offsetOf(id: number): number {
    return (id & (CHUNK - 1)) * this.words;
  }

  bytes(): number {
    return this.table.byteLength + this.chunks.length * CHUNK * this.words * 4 + this.recent.byteLength;
  }

  omissionProbability(): number {
    return 0;
  }
}
