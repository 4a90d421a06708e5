import type { MemoryBudget } from '../store/budget.js';
import { ROOT, TraceLog } from '../store/traceLog.js';
import { globalId, localOf, workerOf } from './owner.js';

/**
 * A worker's trace log: for each state it owns (by local id), the global id of the
 * state it was first reached from, which may live in another worker, and the action
 * slot. Counterexample paths are walked back through these links, a segment per worker.
 */
export class PartitionLog {
  private readonly log: TraceLog;

  constructor(
    budget: MemoryBudget,
    private readonly worker: number,
    private readonly workers: number,
  ) {
    this.log = new TraceLog(budget);
  }

  /** As Search records it: `parent` is a local id in this worker, or ROOT. */
  record(id: number, parent: number, action: number): void {
    this.log.record(id, parent === ROOT ? ROOT : globalId(parent, this.worker, this.workers), action);
  }

  /** A state received from another worker, reached from that worker's state `parentGid`. */
  adopt(id: number, parentGid: number, action: number): void {
    this.log.record(id, parentGid, action);
  }

  /** Slots from local state `id` back while the parents stay here; `next` is where the walk goes on (or ROOT). */
  segment(id: number): { actions: number[]; next: number } {
    const actions: number[] = [];
    let cur = id;
    for (;;) {
      actions.push(this.log.action(cur));
      const parent = this.log.parent(cur);
      if (parent === ROOT || workerOf(parent, this.workers) !== this.worker) return { actions, next: parent };
      cur = localOf(parent, this.workers);
    }
  }

  bytes(): number {
    return this.log.bytes();
  }
}
