import type { Action } from '../model/action.js';
import type { ChoiceRunner, RunOutcome } from './runChoices.js';

export type Violated<A extends Action> = Extract<RunOutcome<A>, { kind: 'violation' }>;

/**
 * The last shrinking pass, after fast-check's: drop actions from the trace while its
 * first violation stays the same property. fast-check shrinks the *choices*, and
 * removing one choice re-reads every later one in a different state; here the later
 * actions keep their identity, so actions nothing depends on simply go.
 *
 * Single actions first, walking from the end so that a dependency chain (a request's
 * Submit, Map, Io, Respond) goes in one sweep; then the shortest removable run of
 * consecutive actions (a whole disconnect-reconnect cycle only goes as a block), and
 * again until nothing more goes. Deterministic, so a reproduction from fast-check's
 * path ends in the same trace.
 */
export function dropUnneededActions<S, A extends Action>(runner: ChoiceRunner<S, A>, found: Violated<A>): Violated<A> {
  let best = dropSingles(runner, found);
  for (;;) {
    const smaller = dropOneBlock(runner, best);
    if (smaller === null) return best;
    best = dropSingles(runner, smaller);
  }
}

/** The trace without actions [from, from + size), if it still violates the same property first. */
function without<S, A extends Action>(runner: ChoiceRunner<S, A>, best: Violated<A>, from: number, size: number): Violated<A> | null {
  const candidate = [...best.actions.slice(0, from), ...best.actions.slice(from + size)];
  const outcome = runner.replay(best.path[0]!, candidate);
  return outcome !== null && outcome.kind === 'violation' && outcome.property === best.property ? outcome : null;
}

function dropSingles<S, A extends Action>(runner: ChoiceRunner<S, A>, found: Violated<A>): Violated<A> {
  let best = found;
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = best.actions.length - 1; i >= 0; i--) {
      const smaller = without(runner, best, i, 1);
      if (smaller !== null) {
        best = smaller;
        changed = true;
        i = Math.min(i, best.actions.length);
      }
    }
  }
  return best;
}

function dropOneBlock<S, A extends Action>(runner: ChoiceRunner<S, A>, best: Violated<A>): Violated<A> | null {
  for (let size = 2; size < best.actions.length; size++) {
    for (let from = best.actions.length - size; from >= 0; from--) {
      const smaller = without(runner, best, from, size);
      if (smaller !== null) return smaller;
    }
  }
  return null;
}
