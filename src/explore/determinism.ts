import type { Kernel } from '../kernel/kernel.js';
import type { Action } from '../model/action.js';
import { GntcheckError } from '../util/errors.js';
import { canonicalJson } from '../util/json.js';

/**
 * Expands the state at `src[off]` twice more and compares: the enabled slots, each
 * successor, and the state itself before and after (a model must not mutate its
 * input). Any difference means traces could not be replayed, so it is an error.
 */
export function checkDeterminism<S, A extends Action>(k: Kernel<S, A>, src: Uint32Array, off: number, id: number): void {
  const before = canonicalJson(k.snapshotOf(src, off));
  const first = expandAll(k, src, off);
  const second = expandAll(k, src, off);
  const after = canonicalJson(k.snapshotOf(src, off));
  const name = k.model.name;
  if (before !== after) {
    throw new GntcheckError('NONDETERMINISTIC_MODEL', `${name}: expanding state #${id} changed it (a guard or nextState mutates its input)`);
  }
  if (first.length !== second.length) {
    throw new GntcheckError(
      'NONDETERMINISTIC_MODEL',
      `${name}: state #${id} has ${first.length} action slots on one call and ${second.length} on the next`,
    );
  }
  for (let i = 0; i < first.length; i++) {
    if (first[i] !== second[i]) {
      throw new GntcheckError(
        'NONDETERMINISTIC_MODEL',
        `${name}: state #${id}, action slot ${i}: two calls gave different results (${first[i]} vs ${second[i]})`,
      );
    }
  }
}

function expandAll<S, A extends Action>(k: Kernel<S, A>, src: Uint32Array, off: number): string[] {
  k.load(src, off);
  const out: string[] = [];
  const n = k.slots();
  for (let i = 0; i < n; i++) {
    const f = k.fire(i);
    if (f < 0) {
      out.push('disabled');
      continue;
    }
    k.canonicalize();
    out.push(`${canonicalJson(k.actionAt(i))} -> ${canonicalJson(k.snapshotOf(k.scratch, 0))}`);
  }
  return out;
}
