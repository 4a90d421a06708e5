import type { Kernel } from '../kernel/kernel.js';
import { formatActionDefault, type Action } from '../model/action.js';
import type { Model } from '../model/model.js';
import { GntcheckError } from '../util/errors.js';
import { toJsonValue } from '../util/json.js';
import type { TraceStep } from './trace.js';

export function labelOf<S, A extends Action>(model: Model<S, A>, action: A): string {
  return model.formatAction ? model.formatAction(action) : formatActionDefault(action);
}

/** One trace step; `state` is a snapshot, made plain JSON here (Sets, Maps, bigints as ITF encodes them). */
export function stepFor<S, A extends Action>(model: Model<S, A>, action: A | null, snapshot: unknown): TraceStep {
  const state = toJsonValue(snapshot);
  if (action === null) return { action: null, label: null, actor: null, state };
  return { action: { ...action }, label: labelOf(model, action), actor: model.actorOf ? model.actorOf(action) : null, state };
}

function sameWords(a: Uint32Array, b: Uint32Array, bOff: number): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[bOff + i]) return false;
  return true;
}

/**
 * Rebuilds the states of a stored path (initial-state index, then slots) by replaying
 * the model; states are never kept for traces. With symmetry reduction the stored path
 * runs through class representatives, so the real path is found step by step: from the
 * actual state, the first enabled action whose successor has the stored representative.
 *
 * `expected`, when given, is the stored words of the final state; a mismatch means the
 * model is nondeterministic.
 */
export function rebuildSteps<S, A extends Action>(
  k: Kernel<S, A>,
  path: readonly number[],
  symmetric: boolean,
  expected: { buffer: Uint32Array; offset: number } | null,
): TraceStep[] {
  const model = k.model;
  const nondeterministic = (what: string): GntcheckError =>
    new GntcheckError('NONDETERMINISTIC_MODEL', `${model.name}: replaying a stored trace failed: ${what}`);
  const inits = k.initialStates();
  const first = inits[path[0]!];
  if (first === undefined) throw nondeterministic(`initial state #${path[0]} no longer exists`);
  let canon = first.slice();
  let real = first.slice();
  const steps: TraceStep[] = [stepFor(model, null, k.snapshotOf(real, 0))];
  for (let j = 1; j < path.length; j++) {
    const slot = path[j]!;
    k.load(canon, 0);
    // A slot past the state's last one is the same divergence as a disabled one (and kernels only check the latter).
    if (slot >= k.slots() || k.fire(slot) < 0) throw nondeterministic(`step ${j}: action slot ${slot} is no longer enabled`);
    if (!symmetric) {
      const action = k.actionAt(slot);
      real = k.scratch.slice();
      steps.push(stepFor(model, action, k.snapshotOf(real, 0)));
      canon = real;
      continue;
    }
    k.canonicalize();
    const canonNext = k.scratch.slice();
    k.load(real, 0);
    const n = k.slots();
    let found = false;
    for (let i = 0; i < n && !found; i++) {
      if (k.fire(i) < 0) continue;
      const raw = k.scratch.slice();
      k.canonicalize();
      if (sameWords(canonNext, k.scratch, 0)) {
        const action = k.actionAt(i);
        steps.push(stepFor(model, action, k.snapshotOf(raw, 0)));
        real = raw;
        found = true;
      }
    }
    if (!found) throw nondeterministic(`step ${j}: no action leads to the stored representative (is canonicalize sound?)`);
    canon = canonNext;
  }
  if (expected && !sameWords(canon, expected.buffer, expected.offset)) {
    throw nondeterministic('the replayed final state differs from the stored one');
  }
  return steps;
}
