import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model } from '../model/model.js';
import { actionProperty, type ActionProperty } from '../model/property.js';
import { graphArb } from '../testing/arbitraries.js';
import { naiveExplore, packedGraphModel, plainGraphModel, type Graph, type GraphAction, type GraphState } from '../testing/graphModel.js';
import { GntcheckError } from '../util/errors.js';
import { check } from './check.js';
import type { CheckOptions } from './options.js';
import { violationsOf } from './result.js';

/** The graph's models with one action property instead of the graph's invariant. */
function withProperty(g: Graph, p: ActionProperty<GraphState, GraphAction>): Model<GraphState, GraphAction>[] {
  return [plainGraphModel(g), packedGraphModel(g) as unknown as Model<GraphState, GraphAction>].map((m) => ({ ...m, properties: [p] }));
}

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    return err instanceof GntcheckError ? `${err.code}: ${err.message}` : `other: ${String(err)}`;
  }
  return 'none';
};

describe('action properties with a from (checked only on transitions from the states it admits)', () => {
  it('decide as without it, with the same shortest counterexample, and skip the excluded states', () => {
    fc.assert(
      fc.property(graphArb, fc.array(fc.nat(23), { maxLength: 8 }), (g, sources) => {
        // "No step from a source node onto a bad node": from admits exactly the source nodes.
        const check1 = (pre: GraphState, _a: GraphAction, post: GraphState): boolean => !(sources.includes(pre.node) && g.bad.includes(post.node));
        const reachable = naiveExplore(g).distance;
        let calls = 0;
        const counted = (pre: GraphState, a: GraphAction, post: GraphState): boolean => (calls++, check1(pre, a, post));
        const plainProp = actionProperty<GraphState, GraphAction>('noBadStep', check1);
        const fromProp = actionProperty<GraphState, GraphAction>('noBadStep', counted, undefined, (pre) => sources.includes(pre.node));
        for (const options of [{}, { strategy: 'dfs' }, { store: 'fingerprint' }] as Partial<CheckOptions>[]) {
          const models = withProperty(g, plainProp);
          withProperty(g, fromProp).forEach((m, i) => {
            const want = check(models[i]!, { ...options, deadlock: false });
            calls = 0;
            const got = check(m, { ...options, deadlock: false });
            expect(got.properties).toEqual(want.properties);
            expect(violationsOf(got).map((v) => v.trace?.path)).toEqual(violationsOf(want).map((v) => v.trace?.path));
            // Without the sampled audit, a property that holds is checked exactly on the
            // transitions from admitted states.
            calls = 0;
            const unaudited = check(m, { ...options, deadlock: false, determinism: 'off' });
            expect(unaudited.properties).toEqual(want.properties);
            const fromAdmitted = g.edges.filter(([from]) => reachable.has(from) && sources.includes(from)).length;
            if (violationsOf(want).length === 0) expect(calls).toBe(fromAdmitted);
          });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a from that excludes a state whose transition fails the check is a BAD_MODEL error (tested on sampled states)', () => {
    const g: Graph = { nodes: 3, edges: [[0, 1], [1, 2]], inits: [0], bad: [2] };
    const broken = actionProperty<GraphState, GraphAction>('noStepOntoBad', (_pre, _a, post) => !g.bad.includes(post.node), undefined, () => false);
    for (const m of withProperty(g, broken)) {
      expect(codeOf(() => check(m))).toBe(
        'BAD_MODEL: action property noStepOntoBad: its from excludes state #1, but its check fails on a transition from it (from may only exclude states whose transitions all pass)',
      );
    }
  });

  it('a from that throws is PROPERTY_THREW, naming the property', () => {
    const g: Graph = { nodes: 2, edges: [[0, 1]], inits: [0], bad: [] };
    const throwing = actionProperty<GraphState, GraphAction>('shaky', () => true, undefined, () => {
      throw new Error('no');
    });
    for (const m of withProperty(g, throwing)) expect(codeOf(() => check(m))).toBe('PROPERTY_THREW: property shaky threw: no');
  });
});
