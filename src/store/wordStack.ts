import type { MemoryBudget } from './budget.js';

const CHUNK = 1 << 14;

/**
 * A frontier of (id, depth, words) entries, usable as a FIFO queue or a LIFO stack.
 * Chunked so that growing never copies; memory is reserved from the run's budget.
 */
export class WordFrontier {
  private readonly chunks: Uint32Array[] = [];
  private head = 0;
  private tail = 0;
  private readonly entry: number;

  constructor(
    private readonly words: number,
    private readonly budget: MemoryBudget,
  ) {
    this.entry = words + 2;
  }

  get size(): number {
    return this.tail - this.head;
  }

  push(id: number, depth: number, src: Uint32Array, off: number): void {
    const i = this.tail;
    const c = Math.floor(i / CHUNK);
    if (c >= this.chunks.length) {
      this.budget.reserve(CHUNK * this.entry * 4);
      this.chunks.push(new Uint32Array(CHUNK * this.entry));
    }
    const chunk = this.chunks[c]!;
    let at = (i % CHUNK) * this.entry;
    chunk[at++] = id;
    chunk[at++] = depth;
    for (let k = 0; k < this.words; k++) chunk[at + k] = src[off + k]!;
    this.tail++;
  }

  /** Removes the oldest (`fifo`) or newest entry, copies its words into `out`, returns its id; depth in {@link lastDepth}. */
  take(fifo: boolean, out: Uint32Array): number {
    const i = fifo ? this.head++ : --this.tail;
    const chunk = this.chunks[Math.floor(i / CHUNK)]!;
    let at = (i % CHUNK) * this.entry;
    const id = chunk[at++]!;
    this.lastDepth = chunk[at++]!;
    for (let k = 0; k < this.words; k++) out[k] = chunk[at + k]!;
    if (fifo && this.head % CHUNK === 0) this.dropConsumedChunk();
    if (!fifo && this.tail % CHUNK === 0 && this.chunks.length > Math.ceil(this.tail / CHUNK) + 1) this.dropLastChunk();
    return id;
  }

  lastDepth = 0;

  private dropConsumedChunk(): void {
    // FIFO: the first chunk is fully consumed; shift indices down by one chunk.
    this.chunks.shift();
    this.budget.release(CHUNK * this.entry * 4);
    this.head -= CHUNK;
    this.tail -= CHUNK;
  }

  private dropLastChunk(): void {
    this.chunks.pop();
    this.budget.release(CHUNK * this.entry * 4);
  }

  bytes(): number {
    return this.chunks.length * CHUNK * this.entry * 4;
  }
}
