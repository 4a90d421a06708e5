import { describe, expect, it } from 'vitest';
import { check } from '../../src/explore/check.js';
import { violationsOf } from '../../src/explore/result.js';
import { actionsEqual, type Action } from '../../src/model/action.js';
import type { Model } from '../../src/model/model.js';
import { fromItf, toItf } from '../../src/trace/itf.js';
import { replayTrace } from '../../src/trace/replay.js';
import type { JsonObject } from '../../src/util/json.js';
import { blkifModel } from '../blkif/model.js';
import { segmentsModel } from './model.js';
import type { SegParams } from './params.js';
import type { SegState } from './state.js';
import type { SegVariant } from './variants.js';

const DEFAULTS: SegParams = {
  P: 2,
  G: 2,
  R: 1,
  S: 2,
  B: 11,
  C: 1,
  MAXP: 2,
  FP: true,
  BP: true,
  HOSTILE: false,
  NOMEM: false,
  PURGE: false,
};
const params = (over: Partial<SegParams> = {}): SegParams => ({ ...DEFAULTS, ...over });
const lengths = (m: Model<SegState, Action>): Record<string, number | null> =>
  Object.fromEntries(violationsOf(check(m)).map((v) => [v.property, v.length]));

/** Runs actions by their trace labels from the initial state; fails on the first one not enabled. */
function run(m: Model<SegState, Action>, labels: readonly string[]): JsonObject {
  let s = m.initStates()[0]!;
  for (const label of labels) {
    const a = m.actions(s).find((x) => m.formatAction!(x) === label);
    if (a === undefined) throw new Error(`${label} is not enabled; enabled: ${m.actions(s).map((x) => m.formatAction!(x)).join(', ')}`);
    s = m.nextState(s, a);
  }
  return m.snapshot!(s) as JsonObject;
}
const CONNECT = ['BackProbe', 'FrontInit', 'BackConnect', 'FrontConnect'];

describe('blkif-segments: today\'s blkback', () => {
  it.each([
    { name: 'the defaults', over: {}, states: 1018 },
    { name: 'two slots', over: { R: 2 }, states: 2566 },
    { name: 'three segments', over: { P: 3, G: 3, S: 3, MAXP: 3 }, states: 22231 },
    { name: 'pre-2012 (no persistent grants)', over: { FP: false, BP: false }, states: 538 },
    { name: 'memory exhaustion', over: { NOMEM: true }, states: 1538 },
    { name: 'memory exhaustion, one op per batch, two slots', over: { NOMEM: true, B: 1, R: 2 }, states: 4118 },
  ])('$name: every property holds, $states states', ({ over, states }) => {
    const r = check(segmentsModel(params(over)));
    expect(r.status).toBe('ok');
    expect(r.stats.states).toBe(states);
  });

  it('a hostile front breaks only unmapOnlyOnDisconnect (the refused duplicate is unmapped per request)', () => {
    const r = check(segmentsModel(params({ HOSTILE: true })));
    expect(r.stats.states).toBe(8772);
    expect(Object.fromEntries(violationsOf(r).map((v) => [v.property, v.length]))).toEqual({ unmapOnlyOnDisconnect: 13 });
    const reached = r.properties.filter((q) => q.status === 'reached').map((q) => q.name);
    expect(reached).toContain('sameGrefTwiceInFlight');
    expect(reached).toContain('mapFailureAnswered');
  });

  it('an undersized tree and the purge each break unmapOnlyOnDisconnect only', () => {
    expect(lengths(segmentsModel(params({ MAXP: 1 })))).toEqual({ unmapOnlyOnDisconnect: 8 });
    expect(lengths(segmentsModel(params({ PURGE: true })))).toEqual({ unmapOnlyOnDisconnect: 9 });
  });
});

describe('blkif-segments with one segment is the reference model', () => {
  /** Reachable states projected on the fields both models share, as canonical strings. */
  function projected<S>(m: Model<S, Action>, view: (o: JsonObject) => unknown): Set<string> {
    const seen = new Set<string>();
    const out = new Set<string>();
    const stack = [...m.initStates()];
    while (stack.length > 0) {
      const s = stack.pop()!;
      const o = m.snapshot!(s) as JsonObject;
      const raw = JSON.stringify(o);
      if (seen.has(raw)) continue;
      seen.add(raw);
      out.add(JSON.stringify(view(o)));
      for (const a of m.actions(s)) stack.push(m.nextState(s, a));
    }
    return out;
  }
  const common = (o: JsonObject) => {
    const { fe, be, fePers, bePers, pool, gtPermit, gtFrame, pin, entGref, frameSt, slot, tree, treeFrame, tlb } = o;
    return { fe, be, fePers, bePers, pool, gtPermit, gtFrame, pin, entGref, frameSt, slot, tree, treeFrame, tlb };
  };

  it('reaches the same states at P=2 G=2 R=2 C=1 MAXP=2 (the reference also keeps a stale entSlot)', () => {
    const size = { P: 2, G: 2, R: 2, C: 1, MAXP: 2, FP: true, BP: true };
    const ref = projected(blkifModel(size), (o) => {
      const slot = o['slot'] as string[];
      const live = (k: string) => (o[k] as unknown[]).map((x, s) => (slot[s] === 'Idle' ? null : x));
      return { ...common(o), gref: live('slotGref'), ent: live('slotEnt'), frame: o['slotFrame'], pers: o['slotPers'] };
    });
    const seg = projected(segmentsModel(params({ ...size, S: 1 })), (o) => {
      const first = (k: string) => (o[k] as unknown[][]).map((x) => x[0]);
      const slot = o['slot'] as string[];
      const live = (k: string) => first(k).map((x, s) => (slot[s] === 'Idle' ? null : x));
      return { ...common(o), gref: live('segGref'), ent: live('segEnt'), frame: first('segFrame'), pers: first('segKind').map((k) => k === 'Node') };
    });
    // The reference's 2,246 states include 136 that differ only in a stale entSlot.
    expect(ref.size).toBe(2110);
    expect([...seg].sort()).toEqual([...ref].sort());
    expect(check(segmentsModel(params({ ...size, S: 1 }))).stats.states).toBe(2110);
  });
});

describe('blkif-segments: the duplicate-gref rule of add_persistent_gnt', () => {
  it('maps the same gref twice in one request and in two requests, keeping one node', () => {
    const m = segmentsModel(params({ HOSTILE: true, R: 2 }));
    const afterRaw = run(m, [...CONNECT, 'FrontSubmit(s=0: e0+g0)', 'FrontSubmitRaw(s=1: g0, g0)', 'BackMap(s=1)']);
    // Both segments missed the tree and were mapped; the second add was refused.
    expect(afterRaw['segKind']).toEqual([['None', 'None'], ['Node', 'Handle']]);
    expect(afterRaw['pin']).toEqual([2, 0]);
    expect(afterRaw['tree']).toEqual(['Active', 'Absent']);
    const afterHonest = run(m, [...CONNECT, 'FrontSubmit(s=0: e0+g0)', 'FrontSubmitRaw(s=1: g0, g0)', 'BackMap(s=1)', 'BackMap(s=0)']);
    // The node is in use: "requesting a grant already in use", so a third mapping.
    expect(afterHonest['segKind']).toEqual([['Handle', 'None'], ['Node', 'Handle']]);
    expect(afterHonest['pin']).toEqual([3, 0]);
    expect(afterHonest['inUse']).toBe(1);
  });

  it('unmaps the duplicate at completion and keeps the node', () => {
    const m = segmentsModel(params({ HOSTILE: true }));
    const s = run(m, [
      ...CONNECT,
      'FrontSubmit(s=0: e0+g0)',
      'BackMap(s=0)',
      'BackIo(s=0, c=0)',
      'BackRespond(s=0)',
      'FrontComplete(s=0)',
      'FrontSubmitRaw(s=0: g0, g0)',
      'BackMap(s=0)',
      'BackIo(s=0, c=0)',
      'BackRespond(s=0)',
    ]);
    expect(s['pin']).toEqual([1, 0]);
    expect(s['tree']).toEqual(['Idle', 'Absent']);
    expect(s['tlb']).toEqual([[false, false]]);
    expect(s['inUse']).toBe(0);
  });
});

describe('the restated reference properties catch what they state', () => {
  const m = segmentsModel(params());
  const mapped = (): SegState => {
    let s = m.initStates()[0]!;
    for (const label of [...CONNECT, 'FrontSubmit(s=0: e0+g0, e1+g1)', 'BackMap(s=0)']) {
      s = m.nextState(s, m.actions(s).find((x) => m.formatAction!(x) === label)!);
    }
    return s;
  };
  const holds = (name: string, s: SegState): boolean => {
    const q = m.properties.find((x) => x.name === name)!;
    return q.kind === 'always' && q.check(s);
  };
  it.each([
    { name: 'pinAccounting', corrupt: (s: SegState) => s.pin.set(0, 2) },
    { name: 'noGrefAlias', corrupt: (s: SegState) => s.gtFrame.set(1, 0) },
    { name: 'noMappedPrivateFrame', corrupt: (s: SegState) => s.frameSt.set(0, 0) },
    { name: 'tlbCoherent', corrupt: (s: SegState) => (s.tree.set(0, 0), s.segKind.at(0).set(0, 0)) },
    { name: 'cleanTeardown', corrupt: (s: SegState) => void (s.be = 5) },
    { name: 'activeNodeOwned', corrupt: (s: SegState) => s.segKind.at(0).set(0, 2) },
    { name: 'inUseAccounting', corrupt: (s: SegState) => void (s.inUse = 1) },
    { name: 'requestFullyMapped', corrupt: (s: SegState) => s.segKind.at(0).set(1, 0) },
  ])('$name', ({ name, corrupt }) => {
    const s = mapped();
    if (name === 'tlbCoherent') s.tlb.at(0).set(0, true);
    expect(holds(name, s)).toBe(true);
    corrupt(s);
    expect(holds(name, s)).toBe(false);
  });
});

/** Each variant at the size its spec uses, with every counterexample's exact length. */
const VARIANTS: readonly [SegVariant, Partial<SegParams>, number, Record<string, number>][] = [
  ['xsa371', { NOMEM: true }, 7907, { activeNodeOwned: 9, noBackendBug: 12, unmapOnlyOnDisconnect: 14 }],
  ['xsa365-ret', { HOSTILE: true, B: 1, R: 2, P: 1 }, 33608, { requestFullyMapped: 7, unmapOnlyOnDisconnect: 9 }],
  ['xsa365-nomem', { NOMEM: true }, 17903, { inUseAccounting: 9, noBackendBug: 12 }],
  ['xsa362', { NOMEM: true }, 2715, { noBackendBug: 6 }],
  ['insert-before-map', { HOSTILE: true }, 12171, { noBackendBug: 6, nodeSingleUser: 11 }],
  ['gnttab-v2', { PURGE: true }, 3284, { honestRequestsSucceed: 12, unmapOnlyOnDisconnect: 9 }],
];

describe.each(VARIANTS)('variant %s', (variant, over, states, expected) => {
  const model = segmentsModel(params(over), variant);
  const result = check(model, {}, { model: 'blkif-segments', params: { ...params(over) }, variant });

  it(`explores ${states} states and finds exactly its counterexamples`, () => {
    expect(result.stats.states).toBe(states);
    expect(Object.fromEntries(violationsOf(result).map((v) => [v.property, v.length]))).toEqual(expected);
  });

  it('its counterexamples replay, also after a round trip through ITF JSON', () => {
    for (const v of violationsOf(result)) {
      const direct = replayTrace(model, v.trace!);
      expect(direct).toMatchObject({ ok: true, steps: expected[v.property], propertyReproduced: true });
      const again = replayTrace(model, fromItf(JSON.parse(JSON.stringify(toItf(v.trace!)))));
      expect(again).toMatchObject({ ok: true, propertyReproduced: true });
    }
  });

  it("today's code survives the same actions: each is enabled and every invariant holds on the way", () => {
    const fixed = segmentsModel(params(over));
    const invariants = fixed.properties.filter((q) => q.kind === 'always' && q.name !== 'unmapOnlyOnDisconnect');
    for (const v of violationsOf(result)) {
      if (v.property === 'unmapOnlyOnDisconnect') continue;
      let s = fixed.initStates()[0]!;
      for (const step of v.trace!.steps.slice(1)) {
        const a = fixed.actions(s).find((x) => actionsEqual(x, step.action!));
        expect(a, `${step.label} enabled in today's code`).toBeDefined();
        s = fixed.nextState(s, a!);
        for (const q of invariants) if (q.kind === 'always') expect(q.check(s), `${q.name} after ${step.label}`).toBe(true);
      }
    }
  });
});
