import type { Action } from '../model/action.js';
import { IGNORE_EFFECTS } from '../model/effects.js';
import type { Command, Model, PackedForm } from '../model/model.js';
import type { JsonValue } from '../util/json.js';
import { compileExpander, type Expander } from './compiledExpander.js';
import { guardPlan, type GuardPlan } from './guardPlan.js';
import type { Emit, Kernel } from './kernel.js';

/**
 * Kernel for models with a {@link PackedForm}: two views rebound to packed words,
 * slots are the model's fixed command list, successors are a word copy plus the
 * command's effect. No allocation per state or per successor.
 */
export class PackedKernel<V, A extends Action> implements Kernel<V, A> {
  readonly words: number;
  readonly families: string[];
  readonly scratch: Uint32Array;
  private readonly familyIndex: Int32Array;
  private readonly plan: GuardPlan<V>;
  /** Where the walk of {@link fireNext} resumes in the plan. */
  private pos = 0;
  /** Per plan node, the first command of its subtree (the command itself for a leaf). */
  private readonly firstCommand: Int32Array;
  private failedNode = -1;
  private readonly commands: readonly Command<V, A>[];
  private readonly cur: V;
  private readonly nxt: V;
  /** A third view, for initial states and snapshots, and its words. */
  private readonly probe: V;
  private readonly probeWords: Uint32Array;
  /** The current state's words, copied in by `load` (`cur` is a fixed view of them). */
  private readonly curWords: Uint32Array;
  private readonly canon: ((v: V) => void) | undefined;
  /** The plan compiled to straight-line code on first use (null: too large, interpreted by fireNext). */
  private compiled: Expander<V> | null | undefined;

  constructor(
    readonly model: Model<V, A>,
    private readonly packed: PackedForm<V, A>,
    symmetry: boolean,
  ) {
    const layout = packed.layout;
    this.words = layout.words;
    this.commands = packed.commands;
    // Fixed views of one buffer, the current state, the successor and the probe: every
    // state's words are copied in, so the views' code reads them directly, and the model's
    // code sees one shape whichever it is given (see Layout.fixedViewsOf).
    const w = this.words;
    const all = new Uint32Array(3 * w);
    this.curWords = all.subarray(0, w);
    this.scratch = all.subarray(w, 2 * w);
    this.probeWords = all.subarray(2 * w);
    [this.cur, this.nxt, this.probe] = layout.fixedViewsOf(all, 3) as [V, V, V];
    this.families = [...(model.actionTypes ?? [])];
    this.familyIndex = new Int32Array(this.commands.length);
    this.commands.forEach((c, i) => {
      let f = this.families.indexOf(c.action.type);
      if (f < 0) f = this.families.push(c.action.type) - 1;
      this.familyIndex[i] = f;
    });
    this.plan = guardPlan(this.commands);
    const { command } = this.plan;
    this.firstCommand = new Int32Array(command.length);
    for (let i = command.length - 1; i >= 0; i--) this.firstCommand[i] = command[i]! >= 0 ? command[i]! : this.firstCommand[i + 1]!;
    this.canon = symmetry ? packed.canonicalize : undefined;
  }

  initialStates(): Uint32Array[] {
    return this.packed.inits.map((init) => {
      this.probeWords.fill(0);
      init(this.probe);
      if (this.canon) this.canon(this.probe);
      return this.probeWords.slice();
    });
  }

  load(src: Uint32Array, off: number): V {
    const cur = this.curWords;
    for (let k = 0; k < cur.length; k++) cur[k] = src[off + k]!;
    this.pos = 0;
    return this.cur;
  }

  slots(): number {
    return this.commands.length;
  }

  fire(i: number): number {
    if (!this.commands[i]!.guard(this.cur)) return -1;
    this.successorOf(i);
    return this.familyIndex[i]!;
  }

  /** Writes command `c`'s successor of the current state into {@link scratch}. */
  private successorOf(c: number): void {
    const s = this.scratch;
    const cur = this.curWords;
    for (let k = 0; k < s.length; k++) s[k] = cur[k]!;
    this.commands[c]!.apply(this.nxt, IGNORE_EFFECTS);
  }

  fireNext(): number {
    const { tests, skip, command } = this.plan;
    const cur = this.cur;
    const n = tests.length;
    let i = this.pos;
    try {
      while (i < n) {
        if (tests[i]!(cur)) {
          const c = command[i]!;
          if (c >= 0) {
            this.successorOf(c);
            this.pos = i + 1;
            return c;
          }
          i++;
        } else {
          i = skip[i]!;
        }
      }
    } catch (err) {
      this.failedNode = i;
      throw err;
    }
    this.pos = n;
    return -1;
  }

  expand(emit: Emit): void {
    if (this.compiled === undefined) this.compiled = compileExpander(this.plan, this.commands, this.curWords, this.scratch);
    if (this.compiled !== null) {
      this.compiled(this.cur, this.nxt, emit);
      return;
    }
    for (let c = this.fireNext(); c >= 0; c = this.fireNext()) emit(c);
  }

  failedSlot(): number {
    return this.failedNode >= 0 && this.failedNode < this.firstCommand.length ? this.firstCommand[this.failedNode]! : -1;
  }

  familyOf(i: number): number {
    return this.familyIndex[i]!;
  }

  successor(): V {
    return this.nxt;
  }

  canonicalize(): void {
    if (this.canon) this.canon(this.nxt);
  }

  actionAt(i: number): A {
    return this.commands[i]!.action;
  }

  snapshotOf(src: Uint32Array, off: number): JsonValue {
    this.probeWords.set(src.subarray(off, off + this.words));
    return this.model.snapshot ? this.model.snapshot(this.probe) : this.packed.layout.toObject(this.probe);
  }

  bytes(): number {
    return 0;
  }
}
