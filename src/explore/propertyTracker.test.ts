import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model } from '../model/model.js';
import { actionProperty, always, sometimes, type Property } from '../model/property.js';
import { GntcheckError } from '../util/errors.js';
import { compileFirstFiring } from './firstFiring.js';
import { PropertyTracker } from './propertyTracker.js';

type S = { readonly n: number };
type A = { readonly type: 'Step' };

describe('compiled property checks', () => {
  it('find the same firing checks, in the same order, as testing them one by one', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(7)), { maxLength: 12 }), fc.nat(7), fc.nat(13), (spec, x, from) => {
        // Check i holds on x when bit (x + k) % 3 of its mask is set: varied, deterministic results.
        const checks = spec.map(([firesWhen, k]) => ({ firesWhen, test: (v: number) => ((k >>> (v % 3)) & 1) === 1 }));
        const first = compileFirstFiring<[number]>(checks, 1);
        const naive = checks.findIndex((c, i) => i >= from && c.test(x) === c.firesWhen);
        expect(first(from, x)).toBe(naive);
      }),
      { numRuns: 300 },
    );
  });

  const model = (properties: Property<S, A>[]): Model<S, A> => ({
    name: 'counter',
    initStates: () => [{ n: 0 }],
    actions: () => [{ type: 'Step' }],
    nextState: (s) => ({ n: s.n + 1 }),
    properties,
  });

  it('record each discovery once, invariants before witnesses, and drop what they decided', () => {
    const seen: string[] = [];
    const spy = (name: string, f: (n: number) => boolean) => (s: S) => (seen.push(`${name}@${s.n}`), f(s.n));
    const t = new PropertyTracker(
      model([
        sometimes('reach2', spy('reach2', (n) => n === 2)),
        always('below3', spy('below3', (n) => n < 3)),
        always('even', spy('even', (n) => n % 2 === 0 || n > 10)),
        actionProperty<S, A>('grows', (pre, _a, post) => post.n > pre.n && pre.n !== 4),
      ]),
      true,
      false,
    );
    for (let n = 0; n < 6; n++) {
      t.checkState({ n }, n, n);
      t.checkTransition({ n }, { type: 'Step' }, { n: n + 1 }, n, 0, n);
    }
    expect([...t.discoveries.values()].map((d) => `${d.name}:${d.kind}@${d.stateId}`)).toEqual([
      'even:always@1',
      'reach2:sometimes@2',
      'below3:always@3',
      'grows:action@4',
    ]);
    // Each property stops being evaluated after its discovery.
    expect(seen.filter((x) => x.startsWith('even')).length).toBe(2);
    expect(seen.filter((x) => x.startsWith('reach2')).length).toBe(3);
  });

  it('a property that throws is named in a PROPERTY_THREW error', () => {
    const t = new PropertyTracker(
      model([
        always('fine', () => true),
        always('broken', (s) => {
          if (s.n === 1) throw new Error('boom');
          return true;
        }),
      ]),
      true,
      false,
    );
    t.checkState({ n: 0 }, 0, 0);
    let err: unknown;
    try {
      t.checkState({ n: 1 }, 1, 1);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GntcheckError);
    expect([(err as GntcheckError).code, (err as GntcheckError).message]).toEqual(['PROPERTY_THREW', 'property broken threw: boom']);
  });
});
