import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blkifSegments } from '../../models/blkif-segments/model.js';
import { replayOnImplementation } from '../../src/conformance/replayOnImplementation.js';
import { traceFromActions } from '../../src/conformance/traceFromActions.js';
import { check } from '../../src/explore/check.js';
import type { Action } from '../../src/model/action.js';
import { instantiate } from '../../src/model/definition.js';
import { fromItf, toItf } from '../../src/trace/itf.js';
import type { Trace } from '../../src/trace/trace.js';
import { BrokenAcceptsDuplicateStore, BrokenPurgesActiveStore } from '../blkback/brokenStores.js';
import { BlkifSegmentsStoreAdapter } from './blkifSegmentsStoreAdapter.js';

/** Through ITF JSON text and back, as the CLI reads a trace file. */
const viaFile = (t: Trace): Trace => fromItf(JSON.parse(JSON.stringify(toItf(t))));

const IO = new Set(['FrontSubmit', 'FrontSubmitRaw', 'BackMap', 'BackMapNoPage', 'BackMapP2mNoMem', 'BackIo', 'BackRespond', 'FrontComplete']);

/**
 * A random run of the blkif-segments model (today's blkback). Each pick chooses among the
 * enabled request actions three times in four (when there are any), else among all, so
 * that a connection carries several requests before it is torn down.
 */
function randomRun(params: Record<string, unknown>, picks: readonly number[]): Trace {
  const { model, origin } = instantiate(blkifSegments, params, null);
  let state = model.initStates()[0]!;
  const actions: Action[] = [];
  for (const p of picks) {
    const all = model.actions(state);
    if (all.length === 0) break;
    const io = all.filter((a) => IO.has(a.type));
    const enabled = p % 4 !== 0 && io.length > 0 ? io : all;
    const action = enabled[Math.floor(p / 4) % enabled.length]!;
    actions.push(action);
    state = model.nextState(state, action);
  }
  return traceFromActions(model, origin, actions, 'run', 'sometimes');
}

/** The checker's (BFS, shortest) counterexample to `property`, searched to `depth`, its length in the spec. */
const counterexample = (params: Record<string, unknown>, variant: string | null, property: string, depth: number): Trace => {
  const { model, origin } = instantiate(blkifSegments, params, variant);
  const result = check(model, { maxDepth: depth }, origin);
  const v = result.status === 'violation' ? result.violations.find((x) => x.property === property) : undefined;
  if (!v?.trace) throw new Error(`${variant}: no counterexample to ${property}`);
  return viaFile(v.trace);
};

const diverges = (trace: Trace, adapter = new BlkifSegmentsStoreAdapter()) => {
  const out = replayOnImplementation(trace, adapter);
  if (out.ok) return out;
  return { step: out.step, label: out.label, reason: out.reason, calls: out.calls, changes: out.changes.map((c) => [c.path, c.before, c.after]) };
};

describe('blkif-segments traces on the persistent grant store', () => {
  // The model's backend is today's xen_blkbk_map; so is the adapter's. Every decision the
  // store makes (hit, duplicate, limit) is then the model's, whatever the front sends,
  // whatever runs out of memory, in whatever batches.
  // MAXP above G: the tree never fills, so duplicates reach add_persistent_gnt's -EINVAL.
  const configs = fc.constantFrom<Record<string, unknown>>(
    { HOSTILE: true, NOMEM: true, MAXP: 3 },
    { HOSTILE: true, NOMEM: true, R: 2, B: 1, MAXP: 1 },
    { P: 3, G: 3, S: 3, MAXP: 3, HOSTILE: true, NOMEM: true, B: 2 },
    { FP: false, HOSTILE: true },
  );
  it('every random run of the reference backend conforms, hostile front and out-of-memory included', () => {
    fc.assert(
      fc.property(configs, fc.array(fc.nat(), { maxLength: 40, size: 'max' }), (params, picks) => {
        expect(replayOnImplementation(viaFile(randomRun(params, picks)), new BlkifSegmentsStoreAdapter())).toMatchObject({ ok: true });
      }),
      { numRuns: 60, seed: 3 },
    );
  });

  it('the reference counterexamples conform: the hostile front is a behaviour of today\'s blkback', () => {
    expect(replayOnImplementation(counterexample({ HOSTILE: true }, null, 'unmapOnlyOnDisconnect', 13), new BlkifSegmentsStoreAdapter())).toMatchObject({
      ok: true,
      steps: 13,
      applied: 4,
    });
  });

  it('a purge of a chosen node has no store operation', () => {
    expect(diverges(counterexample({ PURGE: true }, null, 'unmapOnlyOnDisconnect', 9))).toMatchObject({ step: 9, label: 'BackPurge(g=0)', reason: 'unsupported' });
  });

  it("each historical variant's counterexample parts from the store at the step where the old code did", () => {
    expect(diverges(counterexample({ NOMEM: true }, 'xsa371', 'activeNodeOwned', 9))).toEqual({
      step: 9,
      label: 'BackMapNoPage(s=0, i=1)',
      reason: 'differs',
      calls: ['store.get(1) -> ok', 'store.get(0) -> NOT_FOUND', 'segment 1: no free page (ENOMEM)', 'fail_flush: store.put(1) -> ok'],
      // The fixed out: loop keeps the batch's hit, so fail_flush puts it back.
      changes: [
        ['nodes[0].state', 'Active', 'Idle'],
        ['inUse', 1, 0],
      ],
    });
    expect(diverges(counterexample({ NOMEM: true }, 'xsa362', 'noBackendBug', 6))).toMatchObject({
      step: 6,
      label: 'BackMapP2mNoMem(s=0, i=0)',
      changes: [['bug', true, false]],
    });
    expect(diverges(counterexample({ HOSTILE: true, B: 1, R: 2, P: 1 }, 'xsa365-ret', 'requestFullyMapped', 7))).toMatchObject({
      step: 7,
      label: 'BackMap(s=1)',
      calls: ['store.get(1) -> NOT_FOUND', 'map 1 for segment 0 failed'],
    });
    expect(diverges(counterexample({ NOMEM: true }, 'xsa365-nomem', 'inUseAccounting', 9))).toMatchObject({
      step: 9,
      label: 'BackMapNoPage(s=0, i=0)',
      changes: [['inUse', -1, 0]],
    });
    expect(diverges(counterexample({ HOSTILE: true }, 'insert-before-map', 'nodeSingleUser', 11))).toMatchObject({
      step: 11,
      calls: ['store.get(0) -> ok', 'store.get(0) -> ALREADY_IN_USE', 'store.add(0, page 0) -> EBUSY'],
      changes: [['held[0][1]', 0, null]],
    });
  });

  it('a store that accepts a duplicate gref parts at the hostile request naming one gref twice', () => {
    // With room in the tree (MAXP above G), the second segment's add is refused as a duplicate.
    const trace = counterexample({ HOSTILE: true, MAXP: 3 }, null, 'unmapOnlyOnDisconnect', 13);
    expect(replayOnImplementation(trace, new BlkifSegmentsStoreAdapter())).toMatchObject({ ok: true });
    const broken = new BlkifSegmentsStoreAdapter((maxGrants) => new BrokenAcceptsDuplicateStore({ maxGrants, unusedSeconds: 0 }));
    expect(diverges(trace, broken)).toEqual({
      step: 11,
      label: 'BackMap(s=0)',
      reason: 'differs',
      calls: ['store.get(0) -> ok', 'store.get(0) -> ALREADY_IN_USE', 'store.add(0, page 0) -> ok'],
      changes: [
        ['inUse', 1, 2],
        ['held[0][1]', null, 0],
      ],
    });
  });
});
