import type { Action } from '../model/action.js';
import type { MemoryBudget } from '../store/budget.js';
import { WordFrontier } from '../store/wordStack.js';
import type { Search } from './search.js';

/**
 * Depth-first search with an explicit stack (no recursion, so no stack overflow on deep
 * spaces). Visits the same states as BFS when run to completion, in a different order;
 * its counterexamples are not necessarily shortest. A state first reached beyond
 * `maxDepth` is not expanded, even if a shorter path to it exists: a depth-bounded DFS
 * run is therefore always reported incomplete.
 */
export function dfs<S, A extends Action>(search: Search<S, A>, budget: MemoryBudget): void {
  const stack = new WordFrontier(search.kernel.words, budget);
  const current = new Uint32Array(search.kernel.words);
  const maxDepth = search.options.maxDepth;
  const push = (id: number, words: Uint32Array, off: number, depth: number): void => stack.push(id, depth, words, off);
  search.seed(push);
  let cut = false;
  while (stack.size > 0) {
    const id = stack.take(false, current);
    const depth = stack.lastDepth;
    if (search.shouldStop(stack.size, depth)) return;
    if (depth >= maxDepth) {
      cut = true;
      continue;
    }
    search.expand(id, current, 0, depth, push);
  }
  if (cut) search.stopReason = 'depth';
}
