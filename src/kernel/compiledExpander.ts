import type { Action } from '../model/action.js';
import { boundParts } from '../model/boundCall.js';
import { IGNORE_EFFECTS } from '../model/effects.js';
import type { Command } from '../model/model.js';
import type { GuardPlan } from './guardPlan.js';
import type { Emit } from './kernel.js';

/**
 * Fires every enabled command of the state `cur` views, in slot order: for each, copies
 * the words `cur` views into those `nxt` views (the two buffers the expander was
 * compiled for), applies the command to `nxt` and calls `emit(slot)`.
 */
export type Expander<V> = (cur: V, nxt: V, emit: Emit) => void;

/**
 * Generated functions hold about this many plan nodes at most. V8 inlines calls into a
 * function only up to a budget of bytecode per function, so the smaller the function
 * the more of its tests and effects run inlined. Against 32 nodes, 8 took
 * 0.93 of the time on blkif and 0.92 on two-phase commit (bench/compareBuilds, 3 rounds
 * each); 4 was no different from 8. One large function also costs far more compiler
 * memory (400-node functions raised blkif's peak RSS by about 30 MB).
 */
const NODES_PER_FUNCTION = 8;
/** Plans larger than this stay interpreted. */
const MAX_NODES = 20_000;
/** States up to this many words are copied with unrolled assignments. */
const UNROLL_WORDS = 8;

/**
 * Compiles a guard plan into straight-line JavaScript: nested `if`s in plan order,
 * each test and effect called through its own call site. The interpreted walk
 * (`PackedKernel.fireNext`) calls every test from one site, so V8 sees hundreds of
 * targets there and can neither inline nor specialise; here each site has one target,
 * and tests and effects made by `family` are called on their shared function with
 * their constant parameters directly (see boundCall.ts). The result visits exactly
 * the slots the interpreted walk visits, in the same order (determinism.ts checks it).
 *
 * Returns null for plans too large to compile usefully; the caller interprets those.
 */
export function compileExpander<V>(
  plan: GuardPlan<V>,
  commands: readonly Command<V, Action>[],
  /** The current state's words (what `cur` views) and the successor's (what `nxt` views): constants of the code. */
  from: Uint32Array,
  to: Uint32Array,
  nodesPerFunction = NODES_PER_FUNCTION,
): Expander<V> | null {
  const words = from.length;
  if (to.length !== words) throw new Error(`compileExpander: ${words} words to copy into a buffer of ${to.length}`);
  const n = plan.tests.length;
  if (n === 0 || n > MAX_NODES) return null;
  const consts: unknown[] = [];
  const constIndex = new Map<unknown, number>();
  const ref = (x: unknown): string => {
    let i = constIndex.get(x);
    if (i === undefined) {
      i = consts.push(x) - 1;
      constIndex.set(x, i);
    }
    return `K${i}`;
  };
  const callTest = (f: unknown): string => {
    const b = boundParts(f);
    return b ? `${ref(b.target)}(cur, ${ref(b.args)})` : `${ref(f)}(cur)`;
  };
  const callEffect = (f: unknown): string => {
    const b = boundParts(f);
    return b ? `${ref(b.target)}(nxt, ${ref(b.args)}, FX)` : `${ref(f)}(nxt, FX)`;
  };
  const copy =
    words <= UNROLL_WORDS
      ? Array.from({ length: words }, (_, k) => `TO[${k}] = FROM[${k}];`).join(' ')
      : `for (let k = 0; k < ${words}; k++) TO[k] = FROM[k];`;

  const { tests, skip, command } = plan;
  /** Code for the sibling nodes from..to (a node's subtree is node+1..skip[node]). */
  const emitNodes = (from: number, to: number, indent: string, out: string[]): void => {
    for (let i = from; i < to; ) {
      const c = command[i]!;
      if (c >= 0) {
        out.push(`${indent}if (${callTest(tests[i])}) { ${copy} ${callEffect(commands[c]!.apply)}; E(${c}); }`);
        i++;
      } else {
        out.push(`${indent}if (${callTest(tests[i])}) {`);
        emitNodes(i + 1, skip[i]!, indent + '  ', out);
        out.push(`${indent}}`);
        i = skip[i]!;
      }
    }
  };

  // Top-level subtrees grouped into functions of bounded size, so that each stays
  // small enough for V8 to optimise.
  const parts: string[] = [];
  for (let from = 0; from < n; ) {
    let to = from;
    while (to < n && (to === from || skip[to]! - from <= nodesPerFunction)) to = skip[to]!;
    const body: string[] = [];
    emitNodes(from, to, '  ', body);
    parts.push(`function part${parts.length}(cur, nxt) {\n${body.join('\n')}\n}`);
    from = to;
  }
  const calls = parts.map((_, i) => `  part${i}(cur, nxt);`).join('\n');
  // Every leaf calls `E`, which calls the caller's emit from its one call site: callers
  // pass different emits (exploration, the determinism check), and a leaf that called
  // emit itself would see each as a new target and throw its optimised code away.
  const source = [
    ...consts.map((_, i) => `const K${i} = KS[${i}];`),
    'let EMIT = null;',
    'function E(slot) { EMIT(slot); }',
    ...parts,
    `return function expand(cur, nxt, emit) {\n  EMIT = emit;\n${calls}\n};`,
  ].join('\n');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const make = new Function('KS', 'FX', 'FROM', 'TO', source) as (ks: unknown[], fx: unknown, from: Uint32Array, to: Uint32Array) => Expander<V>;
  return make(consts, IGNORE_EFFECTS, from, to);
}
