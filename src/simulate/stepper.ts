import type { Action } from '../model/action.js';
import type { Model } from '../model/model.js';
import { PackedStepper } from './packedStepper.js';
import { PlainStepper } from './plainStepper.js';

/**
 * One path through a model, walked a step at a time: what a simulation run needs and
 * nothing more. Actions are grouped by type (a family) so that a run can first pick an
 * action type and then one of its enabled instances; at realistic sizes one family
 * (`FrontSubmitGrant(e, s, g)`) has tens of thousands of instances, and picking
 * uniformly among all actions would hardly ever pick anything else.
 *
 * Slot numbers are the checker's (kernel slots), so a recorded slot path rebuilds into
 * a trace with `rebuildSteps` and replays with `gntcheck replay`.
 *
 * The S values returned are valid until the next `start`, `fire` or `commit`.
 */
export interface Stepper<S, A extends Action> {
  readonly model: Model<S, A>;
  /** Action types, indexed by family number. */
  readonly families: readonly string[];
  initialCount(): number;
  /** Makes initial state `index` current and returns it. */
  start(index: number): S;
  /** Writes the families with an enabled action in the current state to `out` (ascending); returns how many. */
  enabledFamilies(out: number[]): number;
  /**
   * One enabled slot of `family` (which must have one) in the current state, chosen by
   * `r`: the same `r` in the same state always gives the same slot, and different `r`
   * spread over the enabled instances.
   */
  pickSlot(family: number, r: number): number;
  /** The action in `slot` of the current state. */
  actionAt(slot: number): A;
  /** The family number of `slot` in the current state. */
  familyOf(slot: number): number;
  /** The slot of `action` if it is enabled in the current state. */
  find(action: A): number | undefined;
  /** The successor of the current state under the enabled `slot`; the current state is unchanged. */
  fire(slot: number): S;
  /** Makes the last successor current and returns it. */
  commit(): S;
}

/** The packed stepper when the model declares a layout, the plain one otherwise. */
export function stepperFor<S, A extends Action>(model: Model<S, A>): Stepper<S, A> {
  return model.packed ? new PackedStepper(model, model.packed) : new PlainStepper(model);
}
