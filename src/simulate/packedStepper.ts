import { guardPlan, type GuardPlan } from '../kernel/guardPlan.js';
import type { Action } from '../model/action.js';
import { IGNORE_EFFECTS } from '../model/effects.js';
import type { Command, Model, PackedForm } from '../model/model.js';
import { canonicalJson } from '../util/json.js';
import type { Stepper } from './stepper.js';

interface Family<V> {
  /** Command (slot) numbers of this family, in slot order. */
  readonly slots: Int32Array;
  /** The family's guards as a pruning plan; its leaves index `slots`. */
  readonly plan: GuardPlan<V>;
}

/**
 * Stepper over a packed model: two word buffers (current and successor) with a view
 * bound to each. Each family gets its own guard plan, so "is any action of this type
 * enabled" stops at the first enabled one, and an instance is picked level by level
 * without listing (or firing) the others.
 */
export class PackedStepper<V, A extends Action> implements Stepper<V, A> {
  readonly families: string[];
  private readonly byFamily: Family<V>[];
  private readonly commands: readonly Command<V, A>[];
  private cur: Uint32Array;
  private nxt: Uint32Array;
  private curView: V;
  private nxtView: V;
  private readonly familyOfSlot: Int32Array;
  private readonly slotOfAction = new Map<A, number>();
  private slotOfKey: Map<string, number> | undefined;
  /** Scratch for {@link pickSlot}: candidate plan nodes at one level. */
  private readonly cands: Int32Array;

  constructor(
    readonly model: Model<V, A>,
    private readonly packed: PackedForm<V, A>,
  ) {
    this.commands = packed.commands;
    this.families = [...(model.actionTypes ?? [])];
    const members: number[][] = this.families.map(() => []);
    this.commands.forEach((c, i) => {
      let f = this.families.indexOf(c.action.type);
      if (f < 0) {
        f = this.families.push(c.action.type) - 1;
        members.push([]);
      }
      members[f]!.push(i);
    });
    this.familyOfSlot = new Int32Array(this.commands.length);
    members.forEach((slots, f) => slots.forEach((i) => (this.familyOfSlot[i] = f)));
    this.commands.forEach((c, i) => this.slotOfAction.set(c.action, i));
    this.byFamily = members.map((slots) => ({
      slots: Int32Array.from(slots),
      plan: guardPlan(slots.map((i) => this.commands[i]!)),
    }));
    this.cands = new Int32Array(Math.max(1, ...this.byFamily.map((f) => f.plan.tests.length)));
    const layout = packed.layout;
    // Never rebound: the stepper copies words between the two halves.
    const both = new Uint32Array(2 * layout.words);
    this.cur = both.subarray(0, layout.words);
    this.nxt = both.subarray(layout.words);
    [this.curView, this.nxtView] = layout.fixedViewsOf(both, 2) as [V, V];
  }

  initialCount(): number {
    return this.packed.inits.length;
  }

  start(index: number): V {
    this.cur.fill(0);
    this.packed.inits[index]!(this.curView);
    return this.curView;
  }

  enabledFamilies(out: number[]): number {
    out.length = 0;
    for (let f = 0; f < this.byFamily.length; f++) {
      const plan = this.byFamily[f]!.plan;
      if (this.anyLeaf(plan, 0, plan.tests.length)) out.push(f);
    }
    return out.length;
  }

  /**
   * Walks the family's guard plan level by level (for `FrontSubmitGrant(e, s, g)`: e,
   * then s, then g), at each level choosing among the values whose test holds and under
   * which some instance is enabled. This costs a few hundred guard tests where listing
   * every enabled instance would cost one per instance (65,536 at P=32 R=32 G=64).
   * Level 0 reads `r` modulo its count; deeper levels read a hash of (`r`, level).
   */
  pickSlot(family: number, r: number): number {
    const fam = this.byFamily[family]!;
    const { tests, skip, command } = fam.plan;
    const v = this.curView;
    const cands = this.cands;
    let start = 0;
    let end = tests.length;
    for (let level = 0; ; level++) {
      let n = 0;
      for (let j = start; j < end; j = skip[j]!) {
        if (tests[j]!(v) && (command[j]! >= 0 || this.anyLeaf(fam.plan, j + 1, skip[j]!))) cands[n++] = j;
      }
      if (n === 0) return -1;
      const j = cands[(level === 0 ? r : mix(r, level)) % n]!;
      if (command[j]! >= 0) return fam.slots[command[j]!]!;
      start = j + 1;
      end = skip[j]!;
    }
  }

  /** Whether some leaf in plan nodes [from, to) is enabled. */
  private anyLeaf(plan: GuardPlan<V>, from: number, to: number): boolean {
    const { tests, skip, command } = plan;
    const v = this.curView;
    let i = from;
    while (i < to) {
      if (tests[i]!(v)) {
        if (command[i]! >= 0) return true;
        i++;
      } else {
        i = skip[i]!;
      }
    }
    return false;
  }

  actionAt(slot: number): A {
    return this.commands[slot]!.action;
  }

  familyOf(slot: number): number {
    return this.familyOfSlot[slot]!;
  }

  /** Actions this stepper handed out are found by identity; others by their canonical JSON. */
  find(action: A): number | undefined {
    let slot = this.slotOfAction.get(action);
    if (slot === undefined) {
      this.slotOfKey ??= new Map(this.commands.map((c, i) => [canonicalJson(c.action), i]));
      slot = this.slotOfKey.get(canonicalJson(action));
    }
    return slot !== undefined && this.commands[slot]!.guard(this.curView) ? slot : undefined;
  }

  fire(slot: number): V {
    this.nxt.set(this.cur);
    this.commands[slot]!.apply(this.nxtView, IGNORE_EFFECTS);
    return this.nxtView;
  }

  commit(): V {
    const words = this.cur;
    this.cur = this.nxt;
    this.nxt = words;
    const view = this.curView;
    this.curView = this.nxtView;
    this.nxtView = view;
    return this.curView;
  }
}

/** A 32-bit integer hash (murmur3's finalizer), so deeper levels do not all read 0 when `r` is small. */
function mix(r: number, level: number): number {
  let t = (r + Math.imul(level, 0x9e3779b9)) >>> 0;
  t = Math.imul(t ^ (t >>> 16), 0x85ebca6b) >>> 0;
  t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35) >>> 0;
  return (t ^ (t >>> 16)) >>> 0;
}
