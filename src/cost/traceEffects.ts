import { actionsEqual, type Action } from '../model/action.js';
import { EffectCounter } from '../model/effects.js';
import type { Model } from '../model/model.js';
import type { Trace } from '../trace/trace.js';
import { canonicalJson, type JsonValue } from '../util/json.js';

/** Effect name -> count for one transition. */
export type StepEffects = Readonly<Record<string, number>>;

/**
 * The effects (hypercalls, flushes, IPIs) of each step of `trace`, found by walking it
 * on the model: index k holds step k's effects, index 0 (the initial state) is empty.
 * Null when the model reports no effects or the trace does not follow the model (it
 * was written by another version); `gntcheck replay` says where such a trace diverges.
 */
export function effectsAlongTrace<S, A extends Action>(model: Model<S, A>, trace: Trace): StepEffects[] | null {
  const effectsOf = model.effects?.bind(model);
  if (!effectsOf) return null;
  const snap = (s: S): string => canonicalJson(model.snapshot ? model.snapshot(s) : (s as JsonValue));
  const first = canonicalJson(trace.steps[0]!.state);
  let state = model.initStates().find((s) => snap(s) === first);
  if (state === undefined) return null;
  const out: StepEffects[] = [{}];
  for (const step of trace.steps.slice(1)) {
    const action = step.action ? model.actions(state).find((a) => actionsEqual(a, step.action!)) : undefined;
    if (action === undefined) return null;
    const counter = new EffectCounter();
    effectsOf(state, action, counter);
    out.push(Object.fromEntries(counter.counts));
    state = model.nextState(state, action);
    if (snap(state) !== canonicalJson(step.state)) return null;
  }
  return out;
}
