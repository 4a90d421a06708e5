/**
 * The parallel explorer against the sequential one. Its threads run the compiled
 * checker in dist/ (Node cannot start a worker on a .ts file), so these tests need
 * `npm run build` first, which `npm test` does; see scripts.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODELS } from '../../models/index.js';
import { EXPLORE_OPTIONS, exploreOptions, parse } from '../cli/args.js';
import { renderResultText } from '../cli/summary.js';
import { check } from '../explore/check.js';
import type { Progress } from '../explore/options.js';
import { violationsOf, type CheckResult } from '../explore/result.js';
import { findDefinition, instantiate } from '../model/definition.js';
import { resultToJson } from '../report/resultJson.js';
import { graphArb } from '../testing/arbitraries.js';
import { faultyGraphModel, type GraphFault } from '../testing/faultyGraph.js';
import { naiveExplore, packedGraphModel, type Graph } from '../testing/graphModel.js';
import { replayTrace } from '../trace/replay.js';
import { GntcheckError } from '../util/errors.js';
import { checkParallel } from './checkParallel.js';

const lengths = (r: CheckResult): Record<string, number | null> =>
  Object.fromEntries(violationsOf(r).map((v) => [v.property, v.length]));
const witnessLengths = (r: CheckResult): Record<string, number> =>
  Object.fromEntries(r.witnesses.map((w) => [w.property, w.steps.length - 1]));
const registry = (id: string, params: Record<string, unknown> = {}, variant: string | null = null) =>
  instantiate(findDefinition(MODELS, id), params, variant);

function errorOf(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (err) {
    if (err instanceof GntcheckError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a GntcheckError');
}

describe('parallel BFS agrees with sequential BFS on random graphs', () => {
  it('same states, transitions, depth and violated properties with the same shortest lengths; traces replay', () => {
    fc.assert(
      fc.property(
        graphArb,
        fc.integer({ min: 2, max: 3 }),
        fc.constantFrom('full' as const, 'fingerprint' as const),
        (g: Graph, workers: number, store) => {
          const ref = naiveExplore(g);
          const seq = check(packedGraphModel(g), { store });
          const par = checkParallel({ kind: 'graph', graph: g }, { workers, store });
          expect(par.complete).toBe(true);
          expect(par.status).toBe(seq.status);
          expect(par.stats.states).toBe(ref.reachable.size);
          expect(par.stats).toMatchObject({ states: seq.stats.states, transitions: seq.stats.transitions, depth: seq.stats.depth });
          expect(par.stats.initialStates).toBe(seq.stats.initialStates);
          expect(par.stats.fired).toEqual(seq.stats.fired);
          expect(lengths(par)).toEqual(lengths(seq));
          expect(lengths(par)).toEqual({
            ...(ref.shortestBad === null ? {} : { notBad: ref.shortestBad }),
            ...(ref.shortestDeadlock === null ? {} : { deadlock: ref.shortestDeadlock }),
          });
          expect(par.parallel).toEqual({ workers, shortestGuaranteed: true });
          for (const v of violationsOf(par)) {
            const replay = replayTrace(packedGraphModel(g), v.trace!);
            expect(replay.ok && replay.propertyReproduced).toBe(true);
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('parallel BFS on the bundled models, 2 workers', () => {
  it('two-phase RM=5: 8,832 states, 58,145 transitions', () => {
    const { model, origin } = registry('two-phase', { RM: 5 });
    const r = check(model, { workers: 2 }, origin);
    expect(r.status).toBe('ok');
    expect(r.parallel).toEqual({ workers: 2, shortestGuaranteed: true });
    expect(r.stats).toMatchObject({ states: 8832, transitions: 58145, depth: 16 });
  });

  it('blkif default: 24,322 states, 78,101 transitions, the same witnesses and firing counts as sequential', () => {
    const { model, origin } = registry('blkif');
    const seq = check(model, {}, origin);
    const par = check(model, { workers: 2 }, origin);
    expect(par.status).toBe('ok');
    expect(par.stats).toMatchObject({ states: 24322, transitions: 78101, depth: seq.stats.depth });
    expect(par.stats.fired).toEqual(seq.stats.fired);
    expect(witnessLengths(par)).toEqual(witnessLengths(seq));
    expect(par.properties).toEqual(seq.properties);
  });

  it('blkif lru: unmapOnlyOnDisconnect at length 9, as sequential, and the trace replays', () => {
    const { model, origin } = registry('blkif', {}, 'lru');
    const seq = check(model, {}, origin);
    const par = check(model, { workers: 2 }, origin);
    expect(lengths(par)).toEqual({ unmapOnlyOnDisconnect: 9 });
    expect(lengths(par)).toEqual(lengths(seq));
    expect(par.stats).toMatchObject({ states: 39316, transitions: seq.stats.transitions });
    const v = violationsOf(par)[0]!;
    expect(v.trace!.origin).toEqual(origin);
    const replay = replayTrace(model, v.trace!);
    expect(replay.ok && replay.propertyReproduced).toBe(true);
  });

  it('blkif flush-after-unpin: three violations, each as short as sequential, all replay', () => {
    const { model, origin } = registry('blkif', {}, 'flush-after-unpin');
    const par = check(model, { workers: 2 }, origin);
    expect(lengths(par)).toEqual({ noMappedPrivateFrame: 12, tlbCoherent: 11, cleanTeardown: 11 });
    expect(par.stats.states).toBe(90808);
    for (const v of violationsOf(par)) {
      const replay = replayTrace(model, v.trace!);
      expect(replay.ok && replay.propertyReproduced).toBe(true);
    }
  });

  it('blkif with symmetry reduction: the same reduced state count and lengths as sequential', () => {
    const { model, origin } = registry('blkif', {}, 'lru');
    const seq = check(model, { symmetry: true }, origin);
    const par = check(model, { symmetry: true, workers: 2 }, origin);
    expect(par.stats.states).toBe(seq.stats.states);
    expect(par.stats.states).toBeLessThan(39316);
    expect(lengths(par)).toEqual(lengths(seq));
    const replay = replayTrace(model, violationsOf(par)[0]!.trace!);
    expect(replay.ok && replay.propertyReproduced).toBe(true);
  });
});

describe('bounds and stops', () => {
  const chain: Graph = { nodes: 50, edges: Array.from({ length: 49 }, (_, i) => [i, i + 1] as const), inits: [0], bad: [49] };
  const run = (g: Graph, o: Parameters<typeof checkParallel>[1]) => checkParallel({ kind: 'graph', graph: g }, { workers: 2, ...o });

  it('max depth stops after the level at that depth, as sequential BFS', () => {
    const r = run(chain, { maxDepth: 5 });
    expect(r.status).toBe('incomplete');
    if (r.status === 'incomplete') expect(r.incompleteReason).toBe('depth');
    expect(r.stats.states).toBe(6);
  });

  it('max states', () => {
    const r = run(chain, { maxStates: 10 });
    expect(r.status).toBe('incomplete');
    if (r.status === 'incomplete') expect(r.incompleteReason).toBe('states');
    expect(r.stats.states).toBeGreaterThanOrEqual(10);
    expect(r.properties.find((p) => p.name === 'notBad')!.status).toBe('unknown');
  });

  it('a tiny memory bound stops with a partial result', () => {
    const r = run(chain, { maxMemoryBytes: 64 * 1024 });
    expect(r.status).toBe('incomplete');
    if (r.status === 'incomplete') expect(r.incompleteReason).toBe('memory');
    expect(r.warnings).toContain(`stopped at the memory bound of ${64 * 1024} bytes`);
  });

  it('stop at first keeps the shortest failures, as sequential BFS', () => {
    const g: Graph = { nodes: 4, edges: [[0, 1], [1, 2], [2, 3]], inits: [0], bad: [1, 2] };
    const r = run(g, { stopAtFirst: true });
    expect(r.status).toBe('violation');
    expect(r.complete).toBe(false);
    expect(lengths(r)).toEqual({ notBad: 1 });
    // blkif flush-after-unpin fails three invariants, two of them first, on one state at depth 11.
    const { model, origin } = registry('blkif', {}, 'flush-after-unpin');
    const seq = check(model, { stopAtFirst: true }, origin);
    const par = check(model, { stopAtFirst: true, workers: 2 }, origin);
    expect(lengths(par)).toEqual({ tlbCoherent: 11, cleanTeardown: 11 });
    expect(lengths(par)).toEqual(lengths(seq));
  });

  it('a violation found before a bound is still reported, marked incomplete', () => {
    const r = run({ ...chain, bad: [3] }, { maxStates: 20 });
    expect(r.status).toBe('violation');
    expect(r.complete).toBe(false);
    expect(lengths(r)).toEqual({ notBad: 3 });
  });

  it('progress is reported from the workers’ shared counters', () => {
    const seen: Progress[] = [];
    const { model, origin } = registry('blkif');
    const r = check(model, { workers: 2, progressIntervalMs: 1, onProgress: (p) => seen.push(p) }, origin);
    expect(seen.length).toBeGreaterThan(0);
    for (const p of seen) expect(p.states).toBeLessThanOrEqual(r.stats.states);
  });
});

describe('errors come back as the sequential checker reports them', () => {
  const g: Graph = { nodes: 4, edges: [[0, 1], [1, 2], [2, 3], [3, 0]], inits: [0], bad: [] };
  const both = (fault: GraphFault) => ({
    seq: errorOf(() => check(faultyGraphModel(g, fault))),
    par: errorOf(() => checkParallel({ kind: 'graph', graph: g, fault }, { workers: 2 })),
  });

  it('a transition that throws: MODEL_THREW, same message', () => {
    const { seq, par } = both({ kind: 'action-throws', node: 2 });
    expect(seq.code).toBe('MODEL_THREW');
    // The message names the action that threw (edge 2 leaves node 2), not the last one fired.
    expect(seq.message).toContain('action Edge');
    expect(seq.message).toContain("Edge(e=2)");
    expect(par).toEqual(seq);
  });

  it('a property that throws: PROPERTY_THREW, same message', () => {
    const { seq, par } = both({ kind: 'property-throws', node: 3 });
    expect(seq.code).toBe('PROPERTY_THREW');
    expect(par).toEqual(seq);
  });

  it('a nondeterministic transition: NONDETERMINISTIC_MODEL (state ids are per worker)', () => {
    const { seq, par } = both({ kind: 'nondeterministic', node: 1 });
    expect(seq.code).toBe('NONDETERMINISTIC_MODEL');
    expect(par.code).toBe('NONDETERMINISTIC_MODEL');
    const shape = (m: string) => m.replace(/#\d+/g, '#N');
    expect(shape(par.message)).toBe(shape(seq.message));
  });

  it('a field out of range: BAD_MODEL, same message', () => {
    const bad: Graph = { nodes: 3, edges: [[0, 1], [1, 7]], inits: [0], bad: [] };
    const seq = errorOf(() => check(packedGraphModel(bad)));
    const par = errorOf(() => checkParallel({ kind: 'graph', graph: bad }, { workers: 2 }));
    expect(seq.code).toBe('BAD_MODEL');
    expect(par).toEqual(seq);
  });

  it('bad options and models are refused before exploring', () => {
    const { model, origin } = registry('two-phase');
    expect(errorOf(() => check(model, { workers: 2, strategy: 'dfs' }, origin)).code).toBe('BAD_OPTION');
    expect(errorOf(() => check(model, { workers: 2, strategy: 'random' }, origin)).code).toBe('BAD_OPTION');
    expect(errorOf(() => check(model, { workers: 0 }, origin)).code).toBe('BAD_OPTION');
    expect(errorOf(() => check(model, { workers: 2.5 }, origin)).code).toBe('BAD_OPTION');
    expect(errorOf(() => checkParallel({ kind: 'registry', model: 'nope', params: {}, variant: null }, { workers: 2 })).code).toBe(
      'UNKNOWN_MODEL',
    );
    // check() rebuilds the model from its origin: a model that is not the origin's, or
    // an origin that names no registered model, is refused.
    expect(errorOf(() => check(packedGraphModel(g), { workers: 2 }, origin)).code).toBe('BAD_OPTION');
    expect(errorOf(() => check(packedGraphModel(g), { workers: 2 })).code).toBe('BAD_OPTION');
  });
});

describe('the command line', () => {
  it('--workers N parses, and the text and JSON output say how many workers ran', () => {
    expect(exploreOptions(parse(['--workers', '2'], EXPLORE_OPTIONS).values)).toEqual({ workers: 2 });
    const { model, origin } = registry('two-phase', { RM: 3 });
    const r = check(model, { workers: 2 }, origin);
    expect(renderResultText(r).split('\n')[1]).toMatch(/, bfs, 2 workers\)$/);
    expect(resultToJson(r, origin)['parallel']).toEqual({ workers: 2, shortestGuaranteed: true });
    expect(resultToJson(check(model, {}, origin), origin)['parallel']).toBeNull();
  });
});
