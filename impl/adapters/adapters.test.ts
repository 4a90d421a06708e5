import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blkif } from '../../models/blkif/model.js';
import { replayOnImplementation } from '../../src/conformance/replayOnImplementation.js';
import { traceFromActions } from '../../src/conformance/traceFromActions.js';
import { check } from '../../src/explore/check.js';
import type { Action } from '../../src/model/action.js';
import { instantiate } from '../../src/model/definition.js';
import { fromItf, toItf } from '../../src/trace/itf.js';
import { replayTrace } from '../../src/trace/replay.js';
import type { Trace } from '../../src/trace/trace.js';
import { BrokenIgnoresLimitStore } from '../blkback/brokenStores.js';
import { BrokenIgnoresFailedRevokePool } from '../blkfront/brokenPools.js';
import { BlkbackStoreAdapter } from './blkbackStoreAdapter.js';
import { BlkfrontPoolAdapter } from './blkfrontPoolAdapter.js';
import { BlkifAdapter } from './blkifAdapter.js';

/** Through ITF JSON text and back, as the CLI reads a trace file. */
const viaFile = (t: Trace): Trace => fromItf(JSON.parse(JSON.stringify(toItf(t))));

const a = (type: string, params: Record<string, number> = {}): Action => ({ type, ...params });

/**
 * A whole session of the reference protocol with an undersized tree (MAXP = 1 < P = 2),
 * ending in a full teardown (a witness of `reconnectReady`). It exercises every store
 * and pool operation: add (and add refused at the limit), put, get (reuse), teardown;
 * take (fresh and reused), giveBack (kept and revoked), teardown with a deferred grant
 * and its later release.
 */
const SESSION: Action[] = [
  a('BackProbe'),
  a('FrontInit'),
  a('BackConnect'),
  a('FrontConnect'),
  a('FrontSubmitGrant', { e: 0, s: 0, g: 0 }), // 5
  a('BackMap', { s: 0 }), // 6: a persistent grant
  a('FrontSubmitGrant', { e: 1, s: 1, g: 1 }), // 7
  a('BackMap', { s: 1 }), // 8: the tree is full, an ordinary mapping
  a('BackIo', { s: 0, c: 0 }),
  a('BackRespond', { s: 0 }), // 10
  a('FrontComplete', { s: 0 }), // 11: still mapped, so kept
  a('BackIo', { s: 1, c: 1 }),
  a('BackRespond', { s: 1 }), // 13: unmapped
  a('FrontComplete', { s: 1 }), // 14: revoked
  a('FrontSubmitReuse', { e: 0, s: 0 }), // 15
  a('BackMap', { s: 0 }), // 16: reused from the tree
  a('BackIo', { s: 0, c: 1 }),
  a('BackRespond', { s: 0 }),
  a('FrontComplete', { s: 0 }),
  a('FrontClose'),
  a('BackClose'),
  a('FrontClosed'),
  a('FrontFree'), // 23: gref 0 still mapped: deferred
  a('BackDisconnect'), // 24
  a('DeferredRelease', { g: 0 }), // 25
];

function sessionTrace(): Trace {
  const { model, origin } = instantiate(blkif, { MAXP: 1 }, null);
  const trace = traceFromActions(model, origin, SESSION, 'reconnectReady', 'sometimes');
  expect(replayTrace(model, trace)).toMatchObject({ ok: true, steps: 25, propertyReproduced: true });
  return viaFile(trace);
}

describe('replaying model traces on the implementations', () => {
  it('a whole reference session conforms on the store, the pool, and both', () => {
    const trace = sessionTrace();
    expect(replayOnImplementation(trace, new BlkbackStoreAdapter())).toMatchObject({ ok: true, steps: 25, applied: 6 });
    expect(replayOnImplementation(trace, new BlkfrontPoolAdapter())).toMatchObject({ ok: true, steps: 25, applied: 9 });
    expect(replayOnImplementation(trace, new BlkifAdapter())).toMatchObject({ ok: true, steps: 25, applied: 15 });
  });

  it("every witness the checker finds on the reference protocol conforms on both ends", () => {
    const { model, origin } = instantiate(blkif, {}, null);
    const result = check(model, {}, origin);
    expect(result.witnesses.map((w) => [w.property, w.steps.length - 1])).toEqual([
      ['requestInFlight', 6],
      ['reconnectReady', 6],
      ['maxInFlight', 6],
      ['persistentInUse', 6],
    ]);
    for (const w of result.witnesses) expect(replayOnImplementation(viaFile(w), new BlkifAdapter())).toMatchObject({ ok: true });
  });

  it('a store that ignores its limit diverges at the exact step: the map the tree had no room for', () => {
    const out = replayOnImplementation(sessionTrace(), new BlkbackStoreAdapter((max) => new BrokenIgnoresLimitStore({ maxGrants: max, unusedSeconds: 0 })));
    expect(out).toMatchObject({ ok: false, step: 8, label: 'BackMap(s=1)', reason: 'differs', calls: ['store.get(1) -> NOT_FOUND', 'store.add(1, page 1) -> ok'] });
    expect(!out.ok && out.changes.map((c) => [c.path, c.before, c.after])).toEqual([
      ['nodes[1].gref', undefined, 1],
      ['nodes[1].state', undefined, 'Active'],
      ['nodes[1].page', undefined, 1],
      ['size', 1, 2],
      ['inUse', 1, 2],
    ]);
  });

  it('a pool that ignores a failed revoke diverges at the exact step: the completion of a still-mapped grant', () => {
    const out = replayOnImplementation(
      sessionTrace(),
      new BlkfrontPoolAdapter((grantTable, persistent, pages) => new BrokenIgnoresFailedRevokePool({ grantTable, persistent, pages })),
    );
    expect(out).toMatchObject({ ok: false, step: 11, label: 'FrontComplete(s=0)', reason: 'differs', calls: ['pool.giveBack(page 0) -> tail'] });
    expect(!out.ok && out.changes.map((c) => [c.path, c.before, c.after])).toEqual([
      ['entries[0].gref', 0, 'none'],
      ['persistentCount', 1, 0],
    ]);
  });
});

/** A random run of the reference protocol: each pick chooses among the enabled actions. */
function randomRun(params: Record<string, unknown>, picks: readonly number[]): Trace {
  const { model, origin } = instantiate(blkif, params, null);
  let state = model.initStates()[0]!;
  const actions: Action[] = [];
  for (const p of picks) {
    const enabled = model.actions(state);
    const action = enabled[p % enabled.length]!;
    actions.push(action);
    state = model.nextState(state, action);
  }
  return traceFromActions(model, origin, actions, 'run', 'sometimes');
}

describe('random reference runs', () => {
  const runs = fc.tuple(fc.constantFrom(1, 2), fc.array(fc.nat(), { maxLength: 80, size: 'max' }));

  // The backend's decisions are all determined by the trace (which gref, whether the
  // map succeeds), so every run of the reference protocol replays on the real store.
  it('every one conforms on the store, with a roomy tree and an undersized one', () => {
    fc.assert(
      fc.property(runs, ([maxp, picks]) => {
        expect(replayOnImplementation(randomRun({ MAXP: maxp }, picks), new BlkbackStoreAdapter())).toMatchObject({ ok: true });
      }),
      { numRuns: 200 },
    );
  });

  // The pool chooses which entry a request takes. Fresh entries are interchangeable
  // (renamed), so the only steps a run of the reference can differ at are reuses of
  // another persistent grant than the pool's most recent one.
  it('on the pool, each one conforms or parts only at a reuse the pool would not choose', () => {
    const reasons = new Map<string, number>();
    fc.assert(
      fc.property(runs, ([maxp, picks]) => {
        const out = replayOnImplementation(randomRun({ MAXP: maxp }, picks), new BlkfrontPoolAdapter());
        const key = out.ok ? 'conforms' : `${out.reason} at ${out.action?.type}`;
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
        expect(key === 'conforms' || key === 'differs at FrontSubmitReuse').toBe(true);
      }),
      { numRuns: 200, seed: 5 },
    );
    expect(Object.fromEntries(reasons)).toEqual({ conforms: 199, 'differs at FrontSubmitReuse': 1 });
  });
});

describe('counterexamples of the buggy variants on the real implementations', () => {
  const counterexample = (variant: string, params: Record<string, unknown>, property: string): Trace => {
    const { model, origin } = instantiate(blkif, params, variant);
    const result = check(model, {}, origin);
    const v = result.status === 'violation' ? result.violations.find((x) => x.property === property) : undefined;
    if (!v?.trace) throw new Error(`${variant}: no counterexample to ${property}`);
    return viaFile(v.trace);
  };

  it('teardown in flight: the store refuses to tear down a tree in use, where the variant unmaps', () => {
    const trace = counterexample('teardown-inflight', { P: 2, G: 2, R: 1, C: 1, MAXP: 2 }, 'cleanTeardown');
    const out = replayOnImplementation(trace, new BlkbackStoreAdapter());
    expect(out).toMatchObject({ ok: false, step: 9, label: 'BackDisconnect', reason: 'differs', calls: ['store.teardown() -> EBUSY'] });
  });

  it('free in use (XSA-396): the pool defers the still-mapped page, where the variant frees it', () => {
    const trace = counterexample('free-in-use', {}, 'noMappedPrivateFrame');
    const out = replayOnImplementation(trace, new BlkfrontPoolAdapter());
    expect(out).toMatchObject({ ok: false, step: 9, label: 'FrontFree', reason: 'differs' });
    // The model has no Deferred frame; the pool deferred the grant of frame 0.
    expect(!out.ok && out.changes.map((c) => [c.path, c.before, c.after])).toEqual([['deferred[0]', undefined, 0]]);
  });

  it('an LRU purge of a chosen node has no store operation', () => {
    const out = replayOnImplementation(counterexample('lru', {}, 'unmapOnlyOnDisconnect'), new BlkbackStoreAdapter());
    expect(out).toMatchObject({ ok: false, step: 9, label: 'LruPurge(g=0)', reason: 'unsupported' });
  });
});
