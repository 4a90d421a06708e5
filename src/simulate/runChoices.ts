import type { Action } from '../model/action.js';
import { DEADLOCK, type ActionProperty, type PropertyKind, type StateProperty } from '../model/property.js';
import { describeError, fail, GntcheckError } from '../util/errors.js';
import type { Choices } from './choices.js';
import { FamilyPicker } from './choices.js';
import type { Stepper } from './stepper.js';

/**
 * How one run ended. `path` is the checker's slot path (initial-state index, then one
 * slot per action) and `actions` the actions taken, so the run can be rebuilt as a
 * trace or replayed action by action.
 */
export type RunOutcome<A extends Action = Action> =
  | { readonly kind: 'clean'; readonly steps: number }
  | {
      readonly kind: 'violation';
      readonly property: string;
      readonly propertyKind: PropertyKind;
      readonly path: readonly number[];
      readonly actions: readonly A[];
    };

/** What the runs fast-check draws (not its shrinking) report beyond their outcome. */
export interface RunObserver {
  /** Each action taken, by family number. */
  fired(family: number): void;
  /** Whether `sometimes` property `name` still wants a witness. */
  wantsWitness(name: string): boolean;
  /** The first state of this run where `sometimes` property `name` holds, as a slot path. */
  witness(name: string, path: readonly number[]): void;
}

/** What a step's chooser answers besides a slot. */
const STOP = -1;
const INVALID = -2;

/**
 * Runs one path through the model and checks every property on the way: `always` on
 * each state (the initial one included), `action` on each transition, and deadlock on
 * each state reached (when asked). A run stops at its first violation, so "the first
 * property a run violates" is well defined; that is what shrinking keeps. A run that
 * reaches a state without successors ends there (a deadlock when checked).
 */
export class ChoiceRunner<S, A extends Action> {
  private readonly always: readonly StateProperty<S>[];
  private readonly sometimes: readonly StateProperty<S>[];
  private readonly actionProps: readonly ActionProperty<S, A>[];
  private readonly picker: FamilyPicker;
  private readonly fams: number[] = [];

  constructor(
    readonly stepper: Stepper<S, A>,
    weights: Readonly<Record<string, number>>,
    private readonly deadlock: boolean,
  ) {
    const model = stepper.model;
    const seen = new Set<string>();
    for (const p of model.properties) {
      if (p.name === '' || seen.has(p.name) || p.name === DEADLOCK) {
        fail('BAD_MODEL', `${model.name}: property name ${JSON.stringify(p.name)} is empty, repeated or reserved`);
      }
      seen.add(p.name);
    }
    this.always = model.properties.filter((p): p is StateProperty<S> => p.kind === 'always');
    this.sometimes = model.properties.filter((p): p is StateProperty<S> => p.kind === 'sometimes');
    this.actionProps = model.properties.filter((p): p is ActionProperty<S, A> => p.kind === 'action');
    this.picker = new FamilyPicker(stepper.families, weights);
    if (stepper.initialCount() === 0) fail('BAD_MODEL', `${model.name}: no initial state`);
  }

  /** Runs `choices`, taking at most `maxSteps` actions (all of them by default). */
  run(choices: Choices, observer?: RunObserver, maxSteps = Number.POSITIVE_INFINITY): RunOutcome<A> {
    const st = this.stepper;
    const outcome = this.walk(
      choices.init % st.initialCount(),
      (k, enabled) => {
        const choice = k < maxSteps ? choices.steps[k] : undefined;
        if (choice === undefined) return STOP;
        const family = this.picker.pick(this.fams, enabled, choice[0]);
        const slot = st.pickSlot(family, choice[1]);
        if (slot < 0) {
          fail('NONDETERMINISTIC_MODEL', `${st.model.name}: ${st.families[family]} was enabled and then was not, in the same state`);
        }
        return slot;
      },
      observer,
    );
    return outcome ?? { kind: 'clean', steps: 0 };
  }

  /**
   * Takes exactly `actions` from initial state `init`. Null when one of them is not
   * enabled where it is taken; a violation stops the run early.
   */
  replay(init: number, actions: readonly A[]): RunOutcome<A> | null {
    return this.walk(init, (k) => (k < actions.length ? this.stepper.find(actions[k]!) ?? INVALID : STOP));
  }

  /** `choose(k, enabledFamilies)` gives step k's slot, STOP, or INVALID (the walk returns null). */
  private walk(init: number, choose: (k: number, enabled: number) => number, observer?: RunObserver): RunOutcome<A> | null {
    const st = this.stepper;
    const path: number[] = [init];
    const actions: A[] = [];
    const violation = (property: string, propertyKind: PropertyKind): RunOutcome<A> => ({ kind: 'violation', property, propertyKind, path, actions });
    // Where the model threw, for the error message; kept as data so a step costs no string.
    let step = 0;
    let firing: A | null = null;
    try {
      let state = st.start(init);
      let bad = this.failingInvariant(state);
      if (bad !== null) return violation(bad, 'always');
      if (observer) this.lookForWitnesses(state, path, observer);
      for (let k = 0; ; k++) {
        step = k;
        firing = null;
        const n = st.enabledFamilies(this.fams);
        if (n === 0) return this.deadlock ? violation(DEADLOCK, 'deadlock') : { kind: 'clean', steps: k };
        const slot = choose(k, n);
        if (slot === STOP) return { kind: 'clean', steps: k };
        if (slot === INVALID) return null;
        const action = st.actionAt(slot);
        firing = action;
        const next = st.fire(slot);
        path.push(slot);
        actions.push(action);
        if (observer) observer.fired(st.familyOf(slot));
        const broken = this.failingActionProperty(state, action, next);
        if (broken !== null) return violation(broken, 'action');
        state = st.commit();
        bad = this.failingInvariant(state);
        if (bad !== null) return violation(bad, 'always');
        if (observer) this.lookForWitnesses(state, path, observer);
      }
    } catch (err) {
      if (err instanceof GntcheckError) throw err;
      const where = firing !== null ? `action ${firing.type} at step ${step + 1}` : step === 0 ? 'the initial state' : `the state after step ${step}`;
      throw new GntcheckError('MODEL_THREW', `${st.model.name}: ${where} threw: ${describeError(err)}`);
    }
  }

  private failingInvariant(state: S): string | null {
    let name = '';
    try {
      for (const p of this.always) {
        name = p.name;
        if (!p.check(state)) return p.name;
      }
      return null;
    } catch (err) {
      throw propertyThrew(name, err);
    }
  }

  private failingActionProperty(pre: S, action: A, post: S): string | null {
    let name = '';
    try {
      for (const p of this.actionProps) {
        name = p.name;
        if (!p.check(pre, action, post)) return p.name;
      }
      return null;
    } catch (err) {
      throw propertyThrew(name, err);
    }
  }

  private lookForWitnesses(state: S, path: readonly number[], observer: RunObserver): void {
    let name = '';
    try {
      for (const p of this.sometimes) {
        name = p.name;
        if (observer.wantsWitness(p.name) && p.check(state)) observer.witness(p.name, [...path]);
      }
    } catch (err) {
      throw propertyThrew(name, err);
    }
  }
}

function propertyThrew(name: string, err: unknown): GntcheckError {
  return err instanceof GntcheckError ? err : new GntcheckError('PROPERTY_THREW', `property ${name} threw: ${describeError(err)}`);
}
