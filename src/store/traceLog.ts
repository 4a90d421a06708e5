import { fail } from '../util/errors.js';
import type { MemoryBudget } from './budget.js';

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
/** Parent of an initial state. */
export const ROOT = 0xffffffff;

/**
 * Per state id: the id it was first reached from and the index of the action that
 * reached it (for an initial state, its index among the initial states). That is all
 * that is kept for counterexamples: traces are rebuilt by replaying the model.
 */
export class TraceLog {
  private readonly parents: Uint32Array[] = [];
  /** 16 bits: a state with more than 65,535 action slots is refused, not truncated. */
  private readonly actions: Uint16Array[] = [];
  private count = 0;

  constructor(private readonly budget: MemoryBudget) {}

  /** Must be called for ids 0, 1, 2, ... in order. */
  record(id: number, parent: number, action: number): void {
    if (id !== this.count) throw new Error(`trace log out of order: got id ${id}, expected ${this.count}`);
    if ((id & (CHUNK - 1)) === 0) {
      this.budget.reserve(CHUNK * 6);
      this.parents.push(new Uint32Array(CHUNK));
      this.actions.push(new Uint16Array(CHUNK));
    }
    if (action > 0xffff) fail('BAD_MODEL', `a state has more than 65,535 action slots (slot ${action}); the trace log keeps 16 bits per slot`);
    this.parents[id >>> CHUNK_BITS]![id & (CHUNK - 1)] = parent;
    this.actions[id >>> CHUNK_BITS]![id & (CHUNK - 1)] = action;
    this.count++;
  }

  parent(id: number): number {
    return this.parents[id >>> CHUNK_BITS]![id & (CHUNK - 1)]!;
  }

  action(id: number): number {
    return this.actions[id >>> CHUNK_BITS]![id & (CHUNK - 1)]!;
  }

  /** Action indices from an initial state to `id`; the first element is the initial-state index. */
  pathTo(id: number): number[] {
    const out: number[] = [];
    let cur = id;
    for (;;) {
      out.push(this.action(cur));
      const p = this.parent(cur);
      if (p === ROOT) break;
      cur = p;
    }
    return out.reverse();
  }

  bytes(): number {
    return this.parents.length * CHUNK * 6;
  }
}
