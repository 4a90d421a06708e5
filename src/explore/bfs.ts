import type { Action } from '../model/action.js';
import { WordFrontier } from '../store/wordStack.js';
import type { MemoryBudget } from '../store/budget.js';
import type { Search } from './search.js';

const ignore = (): void => {};

/**
 * Breadth-first search. States are expanded in the order they were discovered, so the
 * first discovery of each property is at its smallest depth: every counterexample is a
 * shortest one. With a full store, ids are discovery order and the store is the queue.
 */
export function bfs<S, A extends Action>(search: Search<S, A>, budget: MemoryBudget): void {
  const store = search.store;
  const maxDepth = search.options.maxDepth;
  if (store.readable) {
    search.seed(ignore);
    let depth = 0;
    let levelEnd = store.count;
    for (let id = 0; id < store.count; id++) {
      if (id === levelEnd) {
        depth++;
        levelEnd = store.count;
      }
      if (search.shouldStop(store.count - id, depth)) return;
      if (depth >= maxDepth) {
        search.stopReason = 'depth';
        return;
      }
      search.expand(id, store.bufferOf(id), store.offsetOf(id), depth, ignore);
    }
    return;
  }
  const queue = new WordFrontier(search.kernel.words, budget);
  const current = new Uint32Array(search.kernel.words);
  const push = (id: number, words: Uint32Array, off: number, depth: number): void => queue.push(id, depth, words, off);
  search.seed(push);
  while (queue.size > 0) {
    const id = queue.take(true, current);
    const depth = queue.lastDepth;
    if (search.shouldStop(queue.size, depth)) return;
    if (depth >= maxDepth) {
      search.stopReason = 'depth';
      return;
    }
    search.expand(id, current, 0, depth, push);
  }
}
