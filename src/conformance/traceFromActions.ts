import { actionsEqual, type Action } from '../model/action.js';
import type { Model } from '../model/model.js';
import type { PropertyKind } from '../model/property.js';
import { labelOf, stepFor } from '../trace/rebuild.js';
import type { Trace, TraceOrigin, TraceStep } from '../trace/trace.js';
import { fail } from '../util/errors.js';
import type { JsonValue } from '../util/json.js';

/**
 * A trace written by hand: `actions` taken one after another from the model's first
 * initial state, through its plain interface, as a scenario for replaying on an
 * implementation. BAD_TRACE names the first action that is not enabled. The slot path
 * is numbered as the checker numbers it (command index for a packed model, index among
 * the enabled actions otherwise), so the trace reads like any the checker writes.
 */
export function traceFromActions<S, A extends Action>(
  model: Model<S, A>,
  origin: TraceOrigin,
  actions: readonly A[],
  property: string,
  kind: PropertyKind,
): Trace {
  const snap = (s: S): JsonValue => (model.snapshot ? model.snapshot(s) : (s as JsonValue));
  let state: S = model.initStates()[0]!;
  const steps: TraceStep[] = [stepFor(model, null, snap(state))];
  const path: number[] = [0];
  actions.forEach((want, i) => {
    const enabled = model.actions(state);
    const slot = enabled.findIndex((a) => actionsEqual(a, want));
    if (slot < 0) fail('BAD_TRACE', `step ${i + 1}: ${labelOf(model, want)} is not enabled`);
    state = model.nextState(state, enabled[slot]!);
    steps.push(stepFor(model, enabled[slot]!, snap(state)));
    path.push(model.packed ? model.packed.commands.findIndex((c) => actionsEqual(c.action, want)) : slot);
  });
  return { origin, property, kind, steps, path: path.join('/') };
}
