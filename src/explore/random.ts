import type { Action } from '../model/action.js';
import { fail } from '../util/errors.js';
import { Rng } from '../util/rng.js';
import type { Search } from './search.js';

/**
 * Seeded random walks: `walks` walks of up to `walkDepth` steps, each from a random
 * initial state, taking a uniformly random enabled action at each step. Every
 * successor of a visited state is stored and checked, so violations one step off the
 * walk are found too. `maxDepth` caps the walks as it caps BFS: no state at that depth
 * is expanded. Never complete; the same seed gives the same walks.
 */
export function randomWalks<S, A extends Action>(search: Search<S, A>): void {
  const store = search.store;
  if (!store.readable) fail('BAD_OPTION', 'random walks need the full store (drop --store fingerprint)');
  const k = search.kernel;
  const rng = new Rng(search.options.seed);
  const inits: number[] = [];
  search.seed((id) => inits.push(id));
  const cur = new Uint32Array(k.words);
  const slots: number[] = [];
  const collect = (): void => {};
  const steps = Math.min(search.options.walkDepth, search.options.maxDepth);
  for (let walk = 0; walk < search.options.walks; walk++) {
    if (inits.length === 0) return;
    let id = inits[rng.below(inits.length)]!;
    cur.set(store.bufferOf(id).subarray(store.offsetOf(id), store.offsetOf(id) + k.words));
    for (let depth = 0; depth < steps; depth++) {
      if (search.shouldStop(0, depth)) return;
      search.expand(id, cur, 0, depth, collect);
      slots.length = 0;
      k.load(cur, 0);
      for (let i = k.fireNext(); i >= 0; i = k.fireNext()) slots.push(i);
      if (slots.length === 0) break;
      k.load(cur, 0);
      k.fire(slots[rng.below(slots.length)]!);
      k.canonicalize();
      cur.set(k.scratch);
      id = store.lookup(cur, 0);
    }
  }
}
