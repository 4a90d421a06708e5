import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLayout } from '../layout/compile.js';
import { array, bool, record } from '../layout/shape.js';
import { family } from '../model/layoutModel.js';
import { compileExpander } from './compiledExpander.js';
import { guardPlan } from './guardPlan.js';
import { PackedKernel } from './packedKernel.js';
import { layoutModel } from '../model/layoutModel.js';

/**
 * Random families whose level guards read random bits of the state: walking the guard
 * plan (`fireNext`) and the compiled expander (`expand`) must enable exactly the
 * commands whose whole guard holds, in slot order, with the successors `fire` gives.
 */
describe('guard plans and the compiled expander', () => {
  const BITS = 12;
  const shape = record({ bits: array(BITS, bool()) });
  type V = { bits: { get(i: number): boolean; set(i: number, x: boolean): void } };
  const layout = compileLayout(shape);

  const levelArb = fc.option(fc.tuple(fc.nat(BITS - 1), fc.boolean()), { nil: undefined });
  const familyArb = fc.record({
    dims: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 }),
    when: levelArb,
    levels: fc.array(levelArb, { minLength: 3, maxLength: 3 }),
  });

  it('enables exactly the commands whose guards hold', () => {
    fc.assert(
      fc.property(
        fc.array(familyArb, { minLength: 1, maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: BITS, maxLength: BITS }),
        fc.integer({ min: 1, max: 8 }),
        (fams, bits, partSize) => {
          const commands = fams.flatMap((f, fi) => {
            const keys = ['x', 'y', 'z'].slice(0, f.dims.length);
            const domains = Object.fromEntries(keys.map((k, i) => [k, f.dims[i]!]));
            // A level test reads bit (base + sum of parameters so far) so it depends on them.
            const test = (t: [number, boolean], v: V, p: Record<string, number>) =>
              v.bits.get((t[0] + Object.values(p).reduce((a, b) => a + (b ?? 0), 0)) % BITS) === t[1];
            const guards: Record<string, unknown> = {};
            if (f.when) guards['when'] = (v: V) => test(f.when!, v, {});
            keys.forEach((k, i) => {
              const t = f.levels[i];
              if (t) guards[k] = (v: V, p: Record<string, number>) => test(t, v, p);
            });
            // The effect flips a bit that depends on the family and its parameters.
            const flip = (v: V, p: Record<string, number>) => {
              const b = (fi * 5 + Object.values(p).reduce((a, x) => a + x, 0)) % BITS;
              v.bits.set(b, !v.bits.get(b));
            };
            return family<V, string>(`F${fi}`, domains, guards as never, flip);
          });
          const model = layoutModel<V, { type: string }>({
            name: 'plans',
            layout: layout as never,
            inits: [() => {}],
            commands,
            properties: [],
          });
          const k = new PackedKernel(model, model.packed!, false);
          const words = new Uint32Array(k.words);
          const v = layout.viewOf(words, 0) as unknown as V;
          bits.forEach((x, i) => v.bits.set(i, x));
          k.load(words, 0);
          const walked: number[] = [];
          for (let s = k.fireNext(); s >= 0; s = k.fireNext()) walked.push(s);
          const direct = commands.flatMap((c, i) => (c.guard(v) ? [i] : []));
          expect(walked).toEqual(direct);
          const successor = (i: number): string => {
            k.fire(i);
            return Array.from(k.scratch).join(',');
          };
          const expected = direct.map((i) => `${i}:${successor(i)}`);
          const emitted: string[] = [];
          k.load(words, 0);
          k.expand((slot) => emitted.push(`${slot}:${Array.from(k.scratch).join(',')}`));
          expect(emitted).toEqual(expected);
          // The same plan split into generated functions of a few nodes each.
          const scratch = new Uint32Array(k.words);
          const split = compileExpander(guardPlan(commands), commands, words, scratch, partSize)!;
          const emittedSplit: string[] = [];
          const record = (slot: number): number => emittedSplit.push(`${slot}:${Array.from(scratch).join(',')}`);
          split(v, layout.viewOf(scratch, 0) as unknown as V, record);
          expect(emittedSplit).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
