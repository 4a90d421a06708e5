import fc from 'fast-check';
import { fail } from '../util/errors.js';

/**
 * One step's choice: which enabled action type (`family`) and which of its enabled
 * instances (`instance`), each read modulo what is enabled at that point. Any pair of
 * naturals is therefore a valid choice in every state, so whatever fast-check shrinks
 * a sequence to (choices dropped) is still a run of the model.
 */
export type Choice = readonly [family: number, instance: number];

/** A whole run: which initial state (modulo their number), then up to `depth` choices. */
export interface Choices {
  readonly init: number;
  readonly steps: readonly Choice[];
}

/**
 * The runs fast-check draws. `size: 'max'` spreads lengths over 0..depth instead of
 * fast-check's default bias towards short arrays, which would rarely get deep enough.
 * Shrinking works on the list (dropping choices), not on the numbers: shrinking a number
 * towards 0 re-reads it as another action, rarely a simpler one, and took about four
 * times the runs at realistic sizes in measurements; dropping unneeded actions
 * afterwards (dropActions.ts) is what brings traces down to their shortest. 16 bits per
 * number are plenty: they are read modulo counts, or hashed for deeper parameter levels.
 */
export function choicesArb(depth: number): fc.Arbitrary<Choices> {
  return fc.record({
    init: fc.nat(),
    steps: fc.array(fc.tuple(fc.noShrink(fc.nat(0xffff)), fc.noShrink(fc.nat(0xffff))), { maxLength: depth, size: 'max' }),
  });
}

/**
 * Reads a choice's `family` number as a weighted pick among the enabled families:
 * action type t is chosen with probability weight(t) / (sum of enabled weights).
 */
export class FamilyPicker {
  private readonly weight: Float64Array;

  /** `weights` names action types of the model; BAD_OPTION for one it does not have. */
  constructor(families: readonly string[], weights: Readonly<Record<string, number>>) {
    for (const type of Object.keys(weights)) {
      if (!families.includes(type)) {
        fail('BAD_OPTION', `--weight names ${JSON.stringify(type)}, which is no action type of the model (known: ${families.join(', ')})`);
      }
    }
    this.weight = Float64Array.from(families, (f) => weights[f] ?? 1);
  }

  /** The family `r` selects among `enabled[0..n)`. */
  pick(enabled: readonly number[], n: number, r: number): number {
    let total = 0;
    for (let i = 0; i < n; i++) total += this.weightOf(enabled[i]!);
    let x = r % total;
    for (let i = 0; i < n; i++) {
      const f = enabled[i]!;
      x -= this.weightOf(f);
      if (x < 0) return f;
    }
    return enabled[n - 1]!;
  }

  /** A plain model may show action types it did not declare; they weigh 1. */
  private weightOf(family: number): number {
    return family < this.weight.length ? this.weight[family]! : 1;
  }
}
