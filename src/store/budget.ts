/** Thrown by a store when growing would exceed the run's memory bound; the explorer turns it into a partial result. */
export class MemoryBoundReached extends Error {
  constructor(
    readonly limitBytes: number,
    readonly wantedBytes: number,
  ) {
    super(`memory bound of ${limitBytes} bytes reached (needed ${wantedBytes})`);
    this.name = 'MemoryBoundReached';
  }
}

/**
 * The bytes a run may hold in its stores and frontier. Every large allocation is
 * reserved here first, so exploration stops with a partial result instead of crashing
 * the process out of memory.
 */
export class MemoryBudget {
  used = 0;
  peak = 0;
  constructor(readonly limit: number) {}

  reserve(bytes: number): void {
    if (this.used + bytes > this.limit) throw new MemoryBoundReached(this.limit, this.used + bytes);
    this.used += bytes;
    if (this.used > this.peak) this.peak = this.used;
  }

  release(bytes: number): void {
    this.used -= bytes;
  }
}
