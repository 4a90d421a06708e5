import type { MemoryBudget } from '../store/budget.js';

const INITIAL_ENTRIES = 1024;
const RECENT_BITS = 12;
const RECENT_MASK = (1 << RECENT_BITS) - 1;

/**
 * The successors a worker reached during a level that other workers own, one batch
 * per owner. An entry is the state's words, then the local id of its parent here and
 * the action slot that reached it. Batches leave as transferable buffers; their memory
 * is reserved from the worker's budget while it holds them.
 *
 * A small direct-mapped cache per owner drops a state sent before (this level or an
 * earlier one): its owner already has it, or gets it in this exchange, at a depth no
 * larger, so dropping it loses nothing but traffic.
 */
export class Outbox {
  private readonly entry: number;
  private readonly bufs: Uint32Array[] = [];
  private readonly counts: number[] = [];
  private readonly recent: Uint32Array[] = [];
  private readonly recentValid: Uint8Array[] = [];

  constructor(
    private readonly words: number,
    workers: number,
    private readonly budget: MemoryBudget,
  ) {
    this.entry = words + 2;
    for (let w = 0; w < workers; w++) {
      this.bufs.push(new Uint32Array(0));
      this.counts.push(0);
      this.recent.push(new Uint32Array((RECENT_MASK + 1) * words));
      this.recentValid.push(new Uint8Array(RECENT_MASK + 1));
    }
  }

  /** Queues the state at `src[off]` for `owner`; `key` is a hash of it (for the cache). */
  add(owner: number, src: Uint32Array, off: number, parent: number, slot: number, key: number): void {
    const w = this.words;
    const recent = this.recent[owner]!;
    const line = key & RECENT_MASK;
    const rc = line * w;
    const valid = this.recentValid[owner]!;
    let r = 0;
    while (r < w && recent[rc + r] === src[off + r]) r++;
    if (r === w && valid[line] === 1) return;
    const n = this.counts[owner]!;
    let buf = this.bufs[owner]!;
    if ((n + 1) * this.entry > buf.length) buf = this.grow(owner); // may throw MemoryBoundReached: nothing changed yet
    for (r = 0; r < w; r++) recent[rc + r] = src[off + r]!;
    valid[line] = 1;
    let at = n * this.entry;
    for (let i = 0; i < w; i++) buf[at++] = src[off + i]!;
    buf[at++] = parent;
    buf[at] = slot;
    this.counts[owner] = n + 1;
  }

  /** Hands over `owner`'s batch (its buffer is then the caller's to transfer) and starts an empty one. */
  take(owner: number): { buffer: ArrayBuffer; count: number } {
    const buf = this.bufs[owner]!;
    const count = this.counts[owner]!;
    this.budget.release(buf.byteLength);
    this.bufs[owner] = new Uint32Array(0);
    this.counts[owner] = 0;
    return { buffer: buf.buffer as ArrayBuffer, count };
  }

  bytes(): number {
    let n = 0;
    for (const b of this.bufs) n += b.byteLength;
    for (const r of this.recent) n += r.byteLength;
    return n;
  }

  private grow(owner: number): Uint32Array {
    const old = this.bufs[owner]!;
    const entries = Math.max(INITIAL_ENTRIES, (old.length / this.entry) * 2);
    const bytes = entries * this.entry * 4;
    this.budget.reserve(bytes);
    const buf = new Uint32Array(entries * this.entry);
    buf.set(old);
    this.budget.release(old.byteLength);
    this.bufs[owner] = buf;
    return buf;
  }
}
