import { actionsEqual, type Action } from '../model/action.js';
import type { Model } from '../model/model.js';
import { describeError, GntcheckError } from '../util/errors.js';
import { canonicalJson, type JsonValue } from '../util/json.js';
import { diffStates, type FieldChange } from './diff.js';
import { labelOf } from './rebuild.js';
import { snapshotJson } from './snapshot.js';
import type { Trace } from './trace.js';

export type ReplayOutcome =
  | { readonly ok: true; readonly steps: number; readonly propertyReproduced: boolean | null; readonly message: string }
  | {
      readonly ok: false;
      /** The step (0 = initial state) where the trace and the model part ways. */
      readonly step: number;
      readonly reason: 'unknown-initial-state' | 'action-not-enabled' | 'state-differs' | 'model-threw';
      readonly message: string;
      readonly changes: readonly FieldChange[];
    };

/**
 * Re-runs a trace against the model through its plain interface: the first state must
 * be an initial state, each action must be enabled, and each resulting state must equal
 * the recorded one. Reports the first divergence. For a complete trace, also says
 * whether its property still fails (or, for a witness, still holds) at the end.
 */
export function replayTrace<S, A extends Action>(model: Model<S, A>, trace: Trace): ReplayOutcome {
  const snap = (s: S): JsonValue => snapshotJson(model, s);
  const same = (a: JsonValue, b: JsonValue): boolean => canonicalJson(a) === canonicalJson(b);
  const steps = trace.steps;
  let inits: readonly S[];
  try {
    inits = model.initStates();
  } catch (err) {
    return { ok: false, step: 0, reason: 'model-threw', message: `initStates threw: ${describeError(err)}`, changes: [] };
  }
  const start = inits.find((s) => same(snap(s), steps[0]!.state));
  if (start === undefined) {
    const changes = inits.length > 0 ? diffStates(snap(inits[0]!), steps[0]!.state) : [];
    return { ok: false, step: 0, reason: 'unknown-initial-state', message: 'the first state is not an initial state of the model', changes };
  }
  let cur: S = start;
  let prev: S = start;
  for (let i = 1; i < steps.length; i++) {
    const want = steps[i]!;
    let enabled: readonly A[];
    try {
      enabled = model.actions(cur);
    } catch (err) {
      return { ok: false, step: i, reason: 'model-threw', message: `actions threw: ${describeError(err)}`, changes: [] };
    }
    const action = enabled.find((a) => actionsEqual(a, want.action!));
    if (action === undefined) {
      const names = enabled.map((a) => labelOf(model, a)).join(', ') || 'none';
      return {
        ok: false,
        step: i,
        reason: 'action-not-enabled',
        message: `step ${i}: ${want.label ?? want.action?.type} is not enabled (enabled: ${names})`,
        changes: [],
      };
    }
    let next: S;
    try {
      next = model.nextState(cur, action);
    } catch (err) {
      return { ok: false, step: i, reason: 'model-threw', message: `step ${i}: nextState threw: ${describeError(err)}`, changes: [] };
    }
    if (!same(snap(next), want.state)) {
      return {
        ok: false,
        step: i,
        reason: 'state-differs',
        message: `step ${i}: after ${labelOf(model, action)} the model's state differs from the trace`,
        changes: diffStates(want.state, snap(next)),
      };
    }
    prev = cur;
    cur = next;
  }
  let reproduced: boolean | null;
  try {
    reproduced = reproduces(model, trace, prev, cur);
  } catch (err) {
    if (err instanceof GntcheckError) throw err;
    throw new GntcheckError('PROPERTY_THREW', `property ${trace.property} threw on the trace's last state: ${describeError(err)}`);
  }
  const what = trace.kind === 'sometimes' ? 'reached' : 'violated';
  const message =
    reproduced === null
      ? `trace replays: ${steps.length - 1} steps`
      : `trace replays: ${steps.length - 1} steps; ${trace.property} ${reproduced ? 'is' : 'is NOT'} ${what} at the end`;
  return { ok: true, steps: steps.length - 1, propertyReproduced: reproduced, message };
}

function reproduces<S, A extends Action>(model: Model<S, A>, trace: Trace, prev: S, last: S): boolean | null {
  if (trace.kind === 'deadlock') return model.actions(last).length === 0;
  const p = model.properties.find((q) => q.name === trace.property);
  if (!p) return null;
  switch (p.kind) {
    case 'always':
      return !p.check(last);
    case 'sometimes':
      return p.check(last);
    case 'action': {
      const step = trace.steps[trace.steps.length - 1]!;
      if (!step.action || trace.steps.length < 2) return null;
      const action = model.actions(prev).find((a) => actionsEqual(a, step.action!));
      return action === undefined ? null : !p.check(prev, action, last);
    }
  }
}
