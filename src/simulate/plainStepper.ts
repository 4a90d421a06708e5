import { actionsEqual, type Action } from '../model/action.js';
import type { Model } from '../model/model.js';
import type { Stepper } from './stepper.js';

/**
 * Stepper over a model written against the plain interface: the enabled actions of a
 * state are `model.actions(state)`, and slot `i` is the i-th of them, as in the
 * checker's plain kernel.
 */
export class PlainStepper<S, A extends Action> implements Stepper<S, A> {
  readonly families: string[];
  private readonly familyIndex = new Map<string, number>();
  private readonly inits: readonly S[];
  private cur: S | undefined;
  private next: S | undefined;
  private actions: readonly A[] = [];
  private actionFamily: number[] = [];

  constructor(readonly model: Model<S, A>) {
    this.families = [...(model.actionTypes ?? [])];
    this.families.forEach((f, i) => this.familyIndex.set(f, i));
    this.inits = model.initStates();
  }

  initialCount(): number {
    return this.inits.length;
  }

  start(index: number): S {
    return this.enter(this.inits[index]!);
  }

  enabledFamilies(out: number[]): number {
    out.length = 0;
    for (const f of this.actionFamily) if (!out.includes(f)) out.push(f);
    out.sort((a, b) => a - b);
    return out.length;
  }

  /** Uniform over the family's enabled actions: the (r mod count)-th in slot order. */
  pickSlot(family: number, r: number): number {
    const slots: number[] = [];
    this.actionFamily.forEach((f, slot) => {
      if (f === family) slots.push(slot);
    });
    return slots[r % slots.length]!;
  }

  actionAt(slot: number): A {
    return this.actions[slot]!;
  }

  familyOf(slot: number): number {
    return this.actionFamily[slot]!;
  }

  find(action: A): number | undefined {
    const i = this.actions.findIndex((a) => a === action || actionsEqual(a, action));
    return i < 0 ? undefined : i;
  }

  fire(slot: number): S {
    this.next = this.model.nextState(this.cur as S, this.actions[slot]!);
    return this.next;
  }

  commit(): S {
    return this.enter(this.next as S);
  }

  private enter(state: S): S {
    this.cur = state;
    this.actions = this.model.actions(state);
    this.actionFamily = this.actions.map((a) => {
      let f = this.familyIndex.get(a.type);
      if (f === undefined) {
        f = this.families.push(a.type) - 1;
        this.familyIndex.set(a.type, f);
      }
      return f;
    });
    return state;
  }
}
