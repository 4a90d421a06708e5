import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blkif } from '../../models/blkif/model.js';
import { instantiate } from '../model/definition.js';
import type { Model } from '../model/model.js';
import { always, sometimes } from '../model/property.js';
import { graphArb } from '../testing/arbitraries.js';
import { naiveExplore, packedGraphModel, plainGraphModel, type Graph } from '../testing/graphModel.js';
import { fromItf, toItf } from '../trace/itf.js';
import { replayTrace } from '../trace/replay.js';
import { GntcheckError } from '../util/errors.js';
import { FamilyPicker } from './choices.js';
import { reproduceCommand, renderSimulationText, simulationToJson } from './render.js';
import type { SimulationResult } from './result.js';
import { simulate } from './simulate.js';
import { stepperFor } from './stepper.js';

const blkifInstance = (params: Record<string, unknown>, variant: string | null) => instantiate(blkif, params, variant);

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    return err instanceof GntcheckError ? err.code : `not a GntcheckError: ${String(err)}`;
  }
  return 'no error';
}

/** A result without its timing, which is the only part that differs between two equal runs. */
const untimed = (r: SimulationResult) => ({ ...r, durationMs: 0 });

describe('simulate on random graphs, against a naive BFS', () => {
  it('reports only real violations, as traces that replay, never shorter than the shortest', () => {
    fc.assert(
      fc.property(graphArb, fc.integer({ min: 0, max: 1000 }), (g: Graph, seed) => {
        const naive = naiveExplore(g);
        const plain = simulate(plainGraphModel(g), { runs: 30, depth: 20, seed });
        const packed = simulate(packedGraphModel(g), { runs: 30, depth: 20, seed });
        // Both engines read a choice the same way: the same seed takes the same edges.
        const labels = (r: SimulationResult) => (r.status === 'violation' ? r.violation.trace.steps.map((s) => [s.label, s.state]) : null);
        expect(labels(packed)).toEqual(labels(plain));
        if (plain.status === 'ok') return;
        const v = plain.violation;
        const shortest = v.property === 'notBad' ? naive.shortestBad : naive.shortestDeadlock;
        expect(shortest).not.toBeNull();
        expect(v.length).toBeGreaterThanOrEqual(shortest!);
        expect(v.length).toBeLessThanOrEqual(v.foundLength);
        expect(replayTrace(plainGraphModel(g), v.trace)).toMatchObject({ ok: true, propertyReproduced: true });
      }),
      { numRuns: 150 },
    );
  });
});

describe('simulate on blkif', () => {
  const { model, origin } = blkifInstance({}, 'lru');

  it('is deterministic for a seed, and --path reproduces the counterexample', () => {
    const first = simulate(model, { runs: 200, depth: 100, seed: 1 }, origin);
    expect(untimed(simulate(model, { runs: 200, depth: 100, seed: 1 }, origin))).toEqual(untimed(first));
    if (first.status !== 'violation') throw new Error('expected a violation');
    const v = first.violation;
    expect([v.property, v.kind, v.run, v.foundLength, v.choiceShrunkLength, v.length, v.counterexamplePath]).toEqual([
      'unmapOnlyOnDisconnect',
      'action',
      11,
      10,
      9,
      9,
      '10:0:5:44:44:24',
    ]);
    const again = simulate(model, { runs: 200, depth: 100, seed: 1, path: v.counterexamplePath }, origin);
    if (again.status !== 'violation') throw new Error('expected the reproduction to fail');
    expect(again.violation.trace).toEqual(v.trace);
    expect([again.violation.fromPath, again.runsExecuted, again.warnings]).toEqual([true, 1, []]);
  });

  it('writes a counterexample that replays, prints like check, and says how to reproduce it', () => {
    const r = simulate(model, { runs: 200, depth: 100, seed: 1 }, origin);
    if (r.status !== 'violation') throw new Error('expected a violation');
    const cmd = reproduceCommand(origin, r.reproduction, {});
    expect(cmd).toBe('gntcheck simulate --model blkif --variant lru --depth 100 --seed 1 --path 10:0:5:44:44:24');
    const text = renderSimulationText(r, cmd);
    expect(text).toContain('FAIL unmapOnlyOnDisconnect (action): violated in run 11; shrunk from 10 to 9 steps');
    expect(text).toContain('Counterexample: action property unmapOnlyOnDisconnect fails at step 9');
    expect(text).toContain(`reproduce: ${cmd}`);
    const json = JSON.parse(JSON.stringify(simulationToJson(r, cmd)));
    expect(json).toMatchObject({ status: 'violation', strategy: 'simulate', seed: 1, runsExecuted: 11, reproduce: cmd });
    const trace = fromItf(json.violations[0].trace);
    expect(trace).toEqual(JSON.parse(JSON.stringify(r.violation.trace)));
    expect(replayTrace(model, trace)).toMatchObject({ ok: true, steps: 9, propertyReproduced: true });
  });

  it('reports the witnesses it reached on the reference protocol, each replayable', () => {
    const ref = blkifInstance({}, null);
    const r = simulate(ref.model, { runs: 50, depth: 100, seed: 3 }, ref.origin);
    expect(r.status).toBe('ok');
    expect(r.properties.filter((p) => p.status !== 'unknown').map((p) => [p.name, p.status])).toEqual([
      ['requestInFlight', 'reached'],
      ['reconnectReady', 'reached'],
      ['maxInFlight', 'reached'],
      ['persistentInUse', 'reached'],
    ]);
    for (const w of r.witnesses) expect(replayTrace(ref.model, w)).toMatchObject({ ok: true, propertyReproduced: true });
    expect(Object.values(r.fired).reduce((a, b) => a + b, 0)).toBe(r.steps);
  });

  it('checks deadlock unless told not to', () => {
    const { model: m, origin: o } = blkifInstance({}, 'disconnect-on-closing');
    const withDeadlock = simulate(m, { runs: 100, depth: 100, seed: 5 }, o);
    expect(withDeadlock.status === 'violation' && [withDeadlock.violation.property, withDeadlock.violation.length]).toEqual(['deadlock', 7]);
    expect(simulate(m, { runs: 100, depth: 100, seed: 5, deadlock: false }, o).status).toBe('ok');
  });

  it('--no-shrink reports the failing run as found', () => {
    const r = simulate(model, { runs: 200, depth: 100, seed: 7, shrink: false }, origin);
    expect(r.status === 'violation' && [r.violation.length, r.violation.foundLength, r.violation.shrinks]).toEqual([61, 61, 0]);
  });
});

describe('the packed stepper', () => {
  it('picks only enabled instances, level by level, and reaches every one of them', () => {
    const { model } = blkifInstance({}, null);
    const st = stepperFor(model);
    st.start(0);
    // Connect both ends: BackProbe, FrontInit, BackConnect, FrontConnect.
    for (const type of ['BackProbe', 'FrontInit', 'BackConnect', 'FrontConnect']) {
      st.fire(st.pickSlot(st.families.indexOf(type), 0));
      st.commit();
    }
    const fams: number[] = [];
    st.enabledFamilies(fams);
    expect(fams.map((f) => st.families[f])).toEqual(['FrontClose', 'BackClose', 'FrontSubmitGrant']);
    const grant = st.families.indexOf('FrontSubmitGrant');
    const picked = new Set<string>();
    for (let r = 0; r < 2000; r++) {
      const slot = st.pickSlot(grant, r);
      const a = st.actionAt(slot);
      // find() answers a slot only for an action enabled in the current state.
      expect([a.type, st.find(a)]).toEqual(['FrontSubmitGrant', slot]);
      picked.add(`${a['e']}${a['s']}${a['g']}`);
    }
    // Both entries, both slots, and all three grefs: every enabled FrontSubmitGrant.
    expect(picked.size).toBe(12);
  });
});

describe('weighted choice', () => {
  it('reads a choice as a pick weighted by action type', () => {
    const picker = new FamilyPicker(['A', 'B', 'C'], { A: 3 });
    // Enabled A and C: A takes r = 0, 1, 2 (mod 4), C takes r = 3.
    expect([0, 1, 2, 3, 4, 7].map((r) => picker.pick([0, 2], 2, r))).toEqual([0, 0, 0, 2, 0, 2]);
    expect(picker.pick([1], 1, 12345)).toBe(1);
  });

  it('heavier action types take a larger share of the steps', () => {
    const { model, origin } = blkifInstance({}, null);
    const io = ['FrontSubmitGrant', 'FrontSubmitReuse', 'BackMap', 'BackIo', 'BackRespond', 'FrontComplete'];
    const share = (r: SimulationResult) => io.reduce((n, t) => n + r.fired[t]!, 0) / r.steps;
    const plain = simulate(model, { runs: 20, depth: 100, seed: 9 }, origin);
    const heavy = simulate(model, { runs: 20, depth: 100, seed: 9, weights: Object.fromEntries(io.map((t) => [t, 10])) }, origin);
    expect([share(plain).toFixed(2), share(heavy).toFixed(2)]).toEqual(['0.06', '0.32']);
  });
});

describe('bad input', () => {
  const { model } = blkifInstance({}, null);
  it('rejects bad options with BAD_OPTION', () => {
    expect(codeOf(() => simulate(model, { runs: 0 }))).toBe('BAD_OPTION');
    expect(codeOf(() => simulate(model, { depth: -1 }))).toBe('BAD_OPTION');
    expect(codeOf(() => simulate(model, { seed: 2 ** 40 }))).toBe('BAD_OPTION');
    expect(codeOf(() => simulate(model, { seed: 1.5 }))).toBe('BAD_OPTION');
    expect(codeOf(() => simulate(model, { path: '1:x' }))).toBe('BAD_OPTION');
    expect(codeOf(() => simulate(model, { weights: { NoSuchAction: 2 } }))).toBe('BAD_OPTION');
    expect(codeOf(() => simulate(model, { weights: { BackMap: 0 } }))).toBe('BAD_OPTION');
  });

  it('reports a model or a property that throws, instead of shrinking it as a failure', () => {
    type S = { readonly n: number };
    const base: Model<S> = {
      name: 'counter',
      initStates: () => [{ n: 0 }],
      actions: () => [{ type: 'Inc' }],
      nextState: (s) => {
        if (s.n === 3) throw new Error('boom');
        return { n: s.n + 1 };
      },
      properties: [always<S>('small', (s) => s.n < 100)],
      actionTypes: ['Inc'],
    };
    expect(codeOf(() => simulate(base, { runs: 5, depth: 10, seed: 1 }))).toBe('MODEL_THREW');
    const throwingProperty: Model<S> = {
      ...base,
      nextState: (s) => ({ n: s.n + 1 }),
      properties: [
        sometimes<S>('odd', (s) => {
          if (s.n === 2) throw new Error('bad check');
          return false;
        }),
      ],
    };
    expect(codeOf(() => simulate(throwingProperty, { runs: 5, depth: 10, seed: 1 }))).toBe('PROPERTY_THREW');
  });
});

describe('serialisation', () => {
  it('the JSON trace of a simulated counterexample reads back with the ITF reader', () => {
    const { model, origin } = blkifInstance({ FP: false }, 'negotiation');
    const r = simulate(model, { runs: 10, depth: 50, seed: 2 }, origin);
    if (r.status !== 'violation') throw new Error('expected a violation');
    expect(r.violation.length).toBe(4);
    expect(fromItf(JSON.parse(JSON.stringify(toItf(r.violation.trace))))).toEqual(r.violation.trace);
  });
});
