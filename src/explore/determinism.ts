import type { Kernel } from '../kernel/kernel.js';
import type { Action } from '../model/action.js';
import { GntcheckError } from '../util/errors.js';
import { canonicalJson } from '../util/json.js';

/**
 * Which states a run re-expands to check determinism: the first 32 (where a model's
 * set-up mistakes show) and then one in 16,381, so the check costs well under 1% of a
 * run. Nondeterminism elsewhere is still caught where it matters: every reported trace
 * is replayed before it is reported (confirm.ts).
 */
export function sampledForDeterminism(id: number): boolean {
  return id < 32 || id % 16381 === 0;
}

/**
 * Expands the state at `src[off]` twice more and compares: the enabled slots, each
 * successor, and the state itself before and after (a model must not mutate its
 * input). Any difference means traces could not be replayed, so it is an error.
 */
export function checkDeterminism<S, A extends Action>(k: Kernel<S, A>, src: Uint32Array, off: number, id: number): void {
  const before = canonicalJson(k.snapshotOf(src, off));
  const first = expandAll(k, src, off);
  const second = expandAll(k, src, off);
  const after = canonicalJson(k.snapshotOf(src, off));
  const name = k.model.name;
  if (before !== after) {
    throw new GntcheckError('NONDETERMINISTIC_MODEL', `${name}: expanding state #${id} changed it (a guard or nextState mutates its input)`);
  }
  if (first.length !== second.length) {
    throw new GntcheckError(
      'NONDETERMINISTIC_MODEL',
      `${name}: state #${id} has ${first.length} action slots on one call and ${second.length} on the next`,
    );
  }
  const walked = walkEnabled(k, src, off);
  const direct = first.flatMap((r, i) => (r === DISABLED ? [] : [i])).join(',');
  const expanded = expandedSlots(k, src, off);
  if (walked !== direct || expanded !== direct) {
    throw new GntcheckError(
      'BAD_MODEL',
      `${name}: state #${id}: the guard tests enable slots [${walked !== direct ? walked : expanded}] but the guards enable [${direct}] (a command's tests must conjoin to its guard)`,
    );
  }
  for (let i = 0; i < first.length; i++) {
    if (first[i] !== second[i]) {
      throw new GntcheckError(
        'NONDETERMINISTIC_MODEL',
        `${name}: state #${id}, action slot ${i}: two calls gave different results (${describe(k, first[i]!)} vs ${describe(k, second[i]!)})`,
      );
    }
  }
}

/**
 * Each slot's result as `disabled` or `<action JSON> -> <successor words>`. Words, not
 * snapshots: equal states have equal words under both kernels (a plain model's word is
 * its state's intern number under its canonical JSON), and formatting a snapshot per
 * successor made the sampled check cost about 1% of a run. Snapshots are only made for
 * a message ({@link describe}).
 */
function expandAll<S, A extends Action>(k: Kernel<S, A>, src: Uint32Array, off: number): string[] {
  k.load(src, off);
  const out: string[] = [];
  const n = k.slots();
  for (let i = 0; i < n; i++) {
    const f = k.fire(i);
    if (f < 0) {
      out.push(DISABLED);
      continue;
    }
    k.canonicalize();
    out.push(`${canonicalJson(k.actionAt(i))} -> ${k.scratch.join(',')}`);
  }
  return out;
}

const DISABLED = 'disabled';

/** One {@link expandAll} result with the successor's words shown as its snapshot. */
function describe<S, A extends Action>(k: Kernel<S, A>, result: string): string {
  if (result === DISABLED) return result;
  const at = result.lastIndexOf(' -> ');
  const words = Uint32Array.from(result.slice(at + 4).split(',').filter((w) => w !== ''), Number);
  return `${result.slice(0, at)} -> ${canonicalJson(k.snapshotOf(words, 0))}`;
}

/** The slots `expand` emits, which must be exactly those `fire` enables. */
function expandedSlots<S, A extends Action>(k: Kernel<S, A>, src: Uint32Array, off: number): string {
  k.load(src, off);
  const out: number[] = [];
  k.expand((slot) => out.push(slot));
  return out.join(',');
}

/** The slots `fireNext` visits, which must be exactly those `fire` enables. */
function walkEnabled<S, A extends Action>(k: Kernel<S, A>, src: Uint32Array, off: number): string {
  k.load(src, off);
  const out: number[] = [];
  for (let i = k.fireNext(); i >= 0; i = k.fireNext()) out.push(i);
  return out.join(',');
}

