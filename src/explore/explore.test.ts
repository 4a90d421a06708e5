import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model } from '../model/model.js';
import { actionProperty, always, sometimes } from '../model/property.js';
import { graphArb, largeGraphArb } from '../testing/arbitraries.js';
import {
  naiveExplore,
  packedGraphModel,
  plainGraphModel,
  wideGraphModel,
  type Graph,
  type GraphAction,
  type GraphState,
} from '../testing/graphModel.js';
import { fromItf, toItf } from '../trace/itf.js';
import { replayTrace } from '../trace/replay.js';
import { check } from './check.js';
import { violationsOf, type CheckResult } from './result.js';

const lengthOf = (r: CheckResult, property: string): number | null =>
  violationsOf(r).find((v) => v.property === property)?.length ?? null;

function finalNode(r: CheckResult, property: string): number {
  const trace = violationsOf(r).find((v) => v.property === property)!.trace!;
  return (trace.steps[trace.steps.length - 1]!.state as { node: number }).node;
}

describe('exploration agrees with a naive explorer on random graphs', () => {
  it('BFS, DFS, fingerprint store, plain and packed kernels reach the same states and transitions', () => {
    fc.assert(
      fc.property(graphArb, (g: Graph) => {
        const ref = naiveExplore(g);
        const runs = [
          check(plainGraphModel(g)),
          check(packedGraphModel(g)),
          check(packedGraphModel(g), { strategy: 'dfs' }),
          check(plainGraphModel(g), { strategy: 'dfs' }),
          check(packedGraphModel(g), { store: 'fingerprint' }),
          check(packedGraphModel(g), { store: 'fingerprint', strategy: 'dfs' }),
        ];
        for (const r of runs) {
          expect(r.complete).toBe(true);
          expect(r.stats.states).toBe(ref.reachable.size);
          expect(r.stats.transitions).toBe(ref.transitions);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('each strategy checks exactly the reachable states, each once (a spy invariant sees them)', () => {
    fc.assert(
      fc.property(graphArb, (g: Graph) => {
        const ref = naiveExplore(g);
        for (const strategy of ['bfs', 'dfs'] as const) {
          const seen: number[] = [];
          const spy = always<GraphState>('spy', (s) => seen.push(s.node) > 0);
          check({ ...plainGraphModel(g), properties: [spy] }, { strategy, deadlock: false });
          expect(seen.length).toBe(ref.reachable.size);
          expect(new Set(seen)).toEqual(ref.reachable);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('on larger graphs with three-word states, every strategy and store reaches the naive counts', () => {
    fc.assert(
      fc.property(largeGraphArb, (g: Graph) => {
        const ref = naiveExplore(g);
        for (const options of [{}, { strategy: 'dfs' as const }, { store: 'fingerprint' as const }, { store: 'fingerprint' as const, strategy: 'dfs' as const }]) {
          const r = check(wideGraphModel(g), options);
          expect([r.stats.states, r.stats.transitions]).toEqual([ref.reachable.size, ref.transitions]);
          expect(lengthOf(r, 'notBad') === null).toBe(ref.shortestBad === null);
          if (options.strategy === undefined) expect(lengthOf(r, 'notBad')).toBe(ref.shortestBad);
        }
      }),
      { numRuns: 10 },
    );
  });

  it('fingerprints are canonical: equal plain states built in different orders (keys, Set and Map insertion) are one state', () => {
    // The state carries the node three ways; which way round each is built depends on the edge taken.
    type S = { node: number; tags: Set<string>; attrs: Map<string, number> };
    const build = (node: number, flip: boolean): S => {
      const tags = flip ? ['odd' + (node % 2), 'mod3-' + (node % 3)] : ['mod3-' + (node % 3), 'odd' + (node % 2)];
      const attrs: [string, number][] = flip ? [['n', node], ['sq', node * node]] : [['sq', node * node], ['n', node]];
      const state = flip ? { attrs: new Map(attrs), tags: new Set(tags), node } : { node, tags: new Set(tags), attrs: new Map(attrs) };
      return state as S;
    };
    fc.assert(
      fc.property(graphArb, (g: Graph) => {
        const ref = naiveExplore(g);
        const model: Model<S, GraphAction> = {
          name: 'graph (plain, reordered states)',
          initStates: () => g.inits.map((n) => build(n, false)),
          actions: (s) => g.edges.flatMap(([from], e) => (from === s.node ? [{ type: 'Edge' as const, e }] : [])),
          nextState: (_s, a) => build(g.edges[a.e]![1], a.e % 2 === 1),
          properties: [always<S>('notBad', (s) => !g.bad.includes(s.node))],
          actionTypes: ['Edge'],
        };
        const r = check(model);
        expect([r.stats.states, r.stats.transitions]).toEqual([ref.reachable.size, ref.transitions]);
        expect(lengthOf(r, 'notBad')).toBe(ref.shortestBad);
        // The traces hold the Sets and Maps as ITF #set and #map, and replay from JSON text.
        for (const v of violationsOf(r)) {
          const back = fromItf(JSON.parse(JSON.stringify(toItf(v.trace!))));
          const replay = replayTrace(model, back);
          expect(replay.ok && replay.propertyReproduced).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('action properties and sometimes witnesses get shortest traces too', () => {
    fc.assert(
      fc.property(graphArb, (g: Graph) => {
        const ref = naiveExplore(g);
        // The shortest path that ends by stepping onto a bad node.
        const edgesIntoBad = g.edges.filter(([from, to]) => ref.distance.has(from) && g.bad.includes(to));
        const intoBad = edgesIntoBad.length ? Math.min(...edgesIntoBad.map(([from]) => ref.distance.get(from)! + 1)) : null;
        const model: Model<GraphState, GraphAction> = {
          ...plainGraphModel(g),
          properties: [
            actionProperty<GraphState, GraphAction>('neverIntoBad', (_pre, _a, post) => !g.bad.includes(post.node)),
            sometimes<GraphState>('reachesBad', (s) => g.bad.includes(s.node)),
          ],
        };
        const r = check(model, { deadlock: false });
        expect(lengthOf(r, 'neverIntoBad')).toBe(intoBad);
        const witness = r.properties.find((p) => p.name === 'reachesBad')!;
        expect(witness.length).toBe(ref.shortestBad);
        expect(witness.status).toBe(ref.shortestBad === null ? 'not-reached' : 'reached');
      }),
      { numRuns: 300 },
    );
  });

  it('BFS counterexamples are shortest, end where the property fails, and replay', () => {
    fc.assert(
      fc.property(graphArb, (g: Graph) => {
        const ref = naiveExplore(g);
        for (const model of [plainGraphModel(g), packedGraphModel(g)]) {
          const r = check(model as never);
          expect(lengthOf(r, 'notBad')).toBe(ref.shortestBad);
          expect(lengthOf(r, 'deadlock')).toBe(ref.shortestDeadlock);
          if (ref.shortestBad !== null) expect(g.bad).toContain(finalNode(r, 'notBad'));
          for (const v of violationsOf(r)) {
            const replay = replayTrace(model as never, v.trace!);
            expect(replay.ok).toBe(true);
            if (replay.ok) expect(replay.propertyReproduced).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('DFS counterexamples replay and are never shorter than BFS ones', () => {
    fc.assert(
      fc.property(graphArb, (g: Graph) => {
        const ref = naiveExplore(g);
        const r = check(packedGraphModel(g), { strategy: 'dfs' });
        const n = lengthOf(r, 'notBad');
        expect(n === null).toBe(ref.shortestBad === null);
        if (n !== null) expect(n).toBeGreaterThanOrEqual(ref.shortestBad!);
        for (const v of violationsOf(r)) {
          const replay = replayTrace(packedGraphModel(g), v.trace!);
          expect(replay.ok && replay.propertyReproduced).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('random walks only visit reachable states, never claim completeness, and their traces replay', () => {
    fc.assert(
      fc.property(graphArb, fc.integer({ min: 1, max: 1000 }), (g: Graph, seed: number) => {
        const ref = naiveExplore(g);
        const r = check(packedGraphModel(g), { strategy: 'random', seed, walks: 20, walkDepth: 30 });
        expect(r.complete).toBe(false);
        expect(r.stats.states).toBeLessThanOrEqual(ref.reachable.size);
        for (const v of violationsOf(r)) {
          const replay = replayTrace(packedGraphModel(g), v.trace!);
          expect(replay.ok && replay.propertyReproduced).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the same seed gives the same random walk', () => {
    const g: Graph = { nodes: 6, edges: [[0, 1], [1, 2], [2, 0], [1, 3], [3, 4], [4, 5], [5, 3]], inits: [0], bad: [] };
    const a = check(packedGraphModel(g), { strategy: 'random', seed: 7, walks: 3, walkDepth: 10 });
    const b = check(packedGraphModel(g), { strategy: 'random', seed: 7, walks: 3, walkDepth: 10 });
    expect(a.stats).toMatchObject({ states: b.stats.states, transitions: b.stats.transitions });
  });
});

describe('bounds return partial results', () => {
  const chain: Graph = { nodes: 50, edges: Array.from({ length: 49 }, (_, i) => [i, i + 1] as const), inits: [0], bad: [49] };

  it('max states', () => {
    const r = check(packedGraphModel(chain), { maxStates: 10 });
    expect(r.status).toBe('incomplete');
    if (r.status === 'incomplete') expect(r.incompleteReason).toBe('states');
    expect(r.stats.states).toBeGreaterThanOrEqual(10);
    expect(r.properties.find((p) => p.name === 'notBad')!.status).toBe('unknown');
  });

  it('max depth, for BFS and DFS', () => {
    for (const strategy of ['bfs', 'dfs'] as const) {
      const r = check(packedGraphModel(chain), { maxDepth: 5, strategy });
      expect(r.status).toBe('incomplete');
      expect(r.stats.states).toBe(6);
    }
  });

  it('max depth caps random walks too', () => {
    const r = check(packedGraphModel(chain), { maxDepth: 5, strategy: 'random', walks: 3, walkDepth: 40 });
    expect(r.status).toBe('incomplete');
    expect([r.stats.states, r.stats.depth]).toEqual([6, 5]);
  });

  it('memory: a tiny bound stops with a partial result instead of crashing', () => {
    const r = check(packedGraphModel(chain), { maxMemoryBytes: 64 * 1024 });
    expect(r.status).toBe('incomplete');
    if (r.status === 'incomplete') expect(r.incompleteReason).toBe('memory');
  });

  it('stop at first failure', () => {
    const g: Graph = { nodes: 3, edges: [[0, 1], [1, 2]], inits: [0], bad: [1] };
    const r = check(packedGraphModel(g), { stopAtFirst: true });
    expect(r.status).toBe('violation');
    expect(violationsOf(r).map((v) => v.property)).toEqual(['notBad']);
  });

  it('a violation found before a bound is still reported, marked incomplete', () => {
    const r = check(packedGraphModel({ ...chain, bad: [3] }), { maxStates: 20 });
    expect(r.status).toBe('violation');
    expect(r.complete).toBe(false);
    expect(lengthOf(r, 'notBad')).toBe(3);
  });
});
