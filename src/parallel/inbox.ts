import type { Batch } from './messages.js';

/**
 * The batches a worker receives from its peers. Peers may finish a level before this
 * worker does, so batches are kept until it asks for its level's, which it gets once
 * every peer's batch for that level is in, in peer order.
 */
export class Inbox {
  private batches: Batch[] = [];
  private waiting: { depth: number; resolve: (batches: Batch[]) => void } | null = null;

  constructor(private readonly peers: number) {}

  put(batch: Batch): void {
    this.batches.push(batch);
    this.wake();
  }

  collect(depth: number): Promise<Batch[]> {
    return new Promise((resolve) => {
      this.waiting = { depth, resolve };
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiting;
    if (w === null) return;
    const mine = this.batches.filter((b) => b.depth === w.depth);
    if (mine.length < this.peers) return;
    this.batches = this.batches.filter((b) => b.depth !== w.depth);
    this.waiting = null;
    w.resolve(mine.sort((a, b) => a.from - b.from));
  }
}
