import type { Action } from '../model/action.js';
import type { PropertyKind } from '../model/property.js';
import type { JsonValue } from '../util/json.js';

/**
 * One step of a trace: `steps[0]` is an initial state (no action); `steps[k]` for k >= 1
 * is the state reached by taking `action` from `steps[k-1]`. This shape is fixed
 * everywhere (text, JSON, diagrams, replay).
 */
export interface TraceStep {
  readonly action: Action | null;
  /** The model's label for the action (`BackMap(s=0)`), null for the initial state. */
  readonly label: string | null;
  /** Who took the action (`frontend`, `backend`, `hypervisor`), when the model says. */
  readonly actor: string | null;
  readonly state: JsonValue;
}

/** Where a trace came from, enough to rebuild the model and replay it. */
export interface TraceOrigin {
  readonly model: string;
  readonly params: Readonly<Record<string, number | boolean>>;
  readonly variant: string | null;
}

export interface Trace {
  readonly origin: TraceOrigin;
  /** What the trace demonstrates; `sometimes` traces are witnesses, the rest counterexamples. */
  readonly property: string;
  readonly kind: PropertyKind;
  readonly steps: readonly TraceStep[];
  /** Slot path as stored by the checker: initial-state index, then one slot per action (`0/3/5`). */
  readonly path: string;
}

/** Number of actions in a trace. */
export function traceLength(trace: Trace): number {
  return trace.steps.length - 1;
}
