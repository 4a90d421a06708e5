import type { Action } from '../model/action.js';
import type { Model } from '../model/model.js';
import { describeError, GntcheckError } from '../util/errors.js';
import { canonicalJson, type JsonValue } from '../util/json.js';
import type { Emit, Kernel } from './kernel.js';

/**
 * Kernel for models written against the plain interface (states are ordinary
 * objects). Each distinct state is interned under its canonical JSON and encoded as
 * one word, its intern number; so plain models are always stored exactly, and their
 * memory grows with the states' JSON size. Declare a layout to get the packed engine.
 */
export class PlainKernel<S, A extends Action> implements Kernel<S, A> {
  readonly words = 1;
  readonly families: string[];
  readonly scratch = new Uint32Array(1);
  private readonly familyIndex = new Map<string, number>();
  private readonly intern = new Map<string, number>();
  private readonly states: S[] = [];
  private internBytes = 0;
  private cur: S | undefined;
  private curActions: readonly A[] = [];
  private next: S | undefined;
  private cursor = 0;

  constructor(readonly model: Model<S, A>) {
    this.families = [...(model.actionTypes ?? [])];
    this.families.forEach((f, i) => this.familyIndex.set(f, i));
  }

  private key(state: S): string {
    return canonicalJson(this.model.snapshot ? this.model.snapshot(state) : state);
  }

  private encode(state: S): number {
    const key = this.key(state);
    let id = this.intern.get(key);
    if (id === undefined) {
      id = this.states.length;
      this.intern.set(key, id);
      this.states.push(state);
      this.internBytes += key.length * 2 + 64;
    }
    return id;
  }

  initialStates(): Uint32Array[] {
    return this.model.initStates().map((s) => Uint32Array.of(this.encode(s)));
  }

  load(src: Uint32Array, off: number): S {
    const s = this.states[src[off]!]!;
    this.cur = s;
    this.cursor = 0;
    try {
      this.curActions = this.model.actions(s);
    } catch (err) {
      throw new GntcheckError('MODEL_THREW', `${this.model.name}: actions() threw: ${describeError(err)}`);
    }
    return s;
  }

  slots(): number {
    return this.curActions.length;
  }

  /** Every slot of a plain model is enabled (they are the model's `actions`). */
  fireNext(): number {
    const i = this.cursor;
    if (i >= this.curActions.length) return -1;
    this.cursor = i + 1;
    this.fire(i);
    return i;
  }

  expand(emit: Emit): void {
    for (let i = this.fireNext(); i >= 0; i = this.fireNext()) emit(i);
  }

  /** `fireNext` advances its cursor before firing, so a throw is about the slot before it. */
  failedSlot(): number {
    return this.cursor - 1;
  }

  familyOf(i: number): number {
    return this.familyIndex.get(this.curActions[i]!.type)!;
  }

  fire(i: number): number {
    const a = this.curActions[i]!;
    let next: S;
    try {
      next = this.model.nextState(this.cur as S, a);
    } catch (err) {
      throw new GntcheckError('MODEL_THREW', `${this.model.name}: nextState(${a.type}) threw: ${describeError(err)}`);
    }
    this.next = next;
    this.scratch[0] = this.encode(next);
    let f = this.familyIndex.get(a.type);
    if (f === undefined) {
      f = this.families.push(a.type) - 1;
      this.familyIndex.set(a.type, f);
    }
    return f;
  }

  successor(): S {
    return this.next as S;
  }

  canonicalize(): void {}

  actionAt(i: number): A {
    return this.curActions[i]!;
  }

  snapshotOf(src: Uint32Array, off: number): JsonValue {
    const s = this.states[src[off]!]!;
    return (this.model.snapshot ? this.model.snapshot(s) : s) as JsonValue;
  }

  bytes(): number {
    return this.internBytes;
  }
}
