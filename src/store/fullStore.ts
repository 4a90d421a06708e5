import { WordHasher } from '../state/hash.js';
import type { MemoryBudget } from './budget.js';
import { SEEN, type StateStore } from './store.js';

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;

/**
 * Exact seen-set: every state's words kept in chunks indexed by id, and an
 * open-addressing table (linear probing) of `id + 1` keyed by a 32-bit hash.
 * Chunks mean growth never copies states; only the table is rehashed.
 */
export class FullStateStore implements StateStore {
  readonly kind = 'full' as const;
  readonly readable = true;
  count = 0;
  private readonly chunks: Uint32Array[] = [];
  private table: Int32Array;
  private mask: number;
  private readonly hasher = new WordHasher();

  constructor(
    private readonly words: number,
    private readonly budget: MemoryBudget,
    initialCapacity = 1 << 12,
  ) {
    const cap = 1 << Math.max(4, Math.ceil(Math.log2(initialCapacity)));
    budget.reserve(cap * 4);
    this.table = new Int32Array(cap);
    this.mask = cap - 1;
  }

  insert(src: Uint32Array, off: number): number {
    const w = this.words;
    if ((this.count + 1) * 4 > this.table.length * 3) this.grow();
    this.hasher.hash(src, off, w);
    const table = this.table;
    const mask = this.mask;
    let slot = this.hasher.lo & mask;
    for (;;) {
      const entry = table[slot]!;
      if (entry === 0) break;
      const id = entry - 1;
      const chunk = this.chunks[id >>> CHUNK_BITS]!;
      let at = (id & (CHUNK - 1)) * w;
      let i = 0;
      while (i < w && chunk[at] === src[off + i]) {
        i++;
        at++;
      }
      if (i === w) return SEEN;
      slot = (slot + 1) & mask;
    }
    const id = this.count;
    if ((id & (CHUNK - 1)) === 0) {
      this.budget.reserve(CHUNK * w * 4);
      this.chunks.push(new Uint32Array(CHUNK * w));
    }
    const chunk = this.chunks[id >>> CHUNK_BITS]!;
    chunk.set(src.subarray(off, off + w), (id & (CHUNK - 1)) * w);
    table[slot] = id + 1;
    this.count = id + 1;
    return id;
  }

  lookup(src: Uint32Array, off: number): number {
    const w = this.words;
    this.hasher.hash(src, off, w);
    let slot = this.hasher.lo & this.mask;
    for (;;) {
      const entry = this.table[slot]!;
      if (entry === 0) return SEEN;
      const id = entry - 1;
      const chunk = this.chunks[id >>> CHUNK_BITS]!;
      const at = (id & (CHUNK - 1)) * w;
      let i = 0;
      while (i < w && chunk[at + i] === src[off + i]) i++;
      if (i === w) return id;
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const cap = this.table.length * 2;
    this.budget.reserve(cap * 4);
    const table = new Int32Array(cap);
    const mask = cap - 1;
    const w = this.words;
    for (let id = 0; id < this.count; id++) {
      const chunk = this.chunks[id >>> CHUNK_BITS]!;
      this.hasher.hash(chunk, (id & (CHUNK - 1)) * w, w);
      let slot = this.hasher.lo & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = id + 1;
    }
    this.budget.release(this.table.length * 4);
    this.table = table;
    this.mask = mask;
  }

  bufferOf(id: number): Uint32Array {
    return this.chunks[id >>> CHUNK_BITS]!;
  }

  offsetOf(id: number): number {
    return (id & (CHUNK - 1)) * this.words;
  }

  bytes(): number {
    return this.table.byteLength + this.chunks.length * CHUNK * this.words * 4;
  }

  omissionProbability(): number {
    return 0;
  }
}
