import { describe, expect, it } from 'vitest';
import { check } from '../../../src/explore/check.js';
import { violationsOf, type CheckResult } from '../../../src/explore/result.js';
import type { Action } from '../../../src/model/action.js';
import { blkifModel } from '../../blkif/model.js';
import type { BlkifParams } from '../../blkif/params.js';
import type { BlkifState } from '../../blkif/state.js';
import type { BlkifVariant } from '../../blkif/variants.js';
import { segmentsModel } from '../../blkif-segments/model.js';
import type { SegParams } from '../../blkif-segments/params.js';
import type { SegState } from '../../blkif-segments/state.js';
import type { SegVariant } from '../../blkif-segments/variants.js';
import { blkifConformance } from './blkifProjection.js';
import { blkLifecycleChart } from './blkLifecycle.js';
import { formatEdge } from './chartEdge.js';
import { chartEdges } from './chartGraph.js';
import { chartStep } from './splitDriverChart.js';
import { LIFECYCLE_PROPERTY, LifecycleAudit } from './lifecycleAudit.js';

const SMALL: BlkifParams = { P: 1, G: 1, R: 1, C: 1, MAXP: 1, FP: true, BP: true };
const DEFAULT: BlkifParams = { P: 2, G: 3, R: 2, C: 2, MAXP: 2, FP: true, BP: true };

/** Explores the model exhaustively with the chart conformance as one more action property. */
function explore(p: BlkifParams, variant: BlkifVariant | null = null) {
  const model = blkifModel(p, variant);
  const audit = new LifecycleAudit<BlkifState, Action>(blkifConformance());
  const result = check({ ...model, properties: [...model.properties, audit.property] });
  return { result, audit };
}

const statusOf = (r: CheckResult, property: string) => r.properties.find((o) => o.name === property)?.status;
const chartEdgeKeys = new Set(chartEdges(blkLifecycleChart).map(formatEdge));

describe('the blkif reference model follows the lifecycle chart', () => {
  it.each([
    ['P=1 G=1 R=1 C=1 MAXP=1', SMALL, 81, 153],
    ['default sizes', DEFAULT, 24_322, 78_101],
  ] as const)('at %s: every lifecycle step is a chart step, and every chart step is taken', (_, p, states, transitions) => {
    const { result, audit } = explore(p);
    expect(result.status).toBe('ok');
    expect(result.complete).toBe(true);
    expect(result.stats.states).toBe(states);
    expect(result.stats.transitions).toBe(transitions);
    expect(statusOf(result, LIFECYCLE_PROPERTY)).toBe('held');
    expect(audit.failures.size).toBe(0);
    expect(audit.taken.size).toBe(15);
    expect(new Set(audit.taken.keys())).toEqual(chartEdgeKeys);
  });

  it('judges single steps: chart step, wrong target, internal action moving an end', () => {
    const model = blkifModel(SMALL);
    const conformance = blkifConformance();
    const init = model.initStates()[0]!;
    const probed = model.nextState(init, { type: 'BackProbe' });
    expect(conformance.verdict(init, { type: 'BackProbe' }, probed)).toEqual({
      kind: 'lifecycle',
      edge: {
        from: { front: 'Initialising', back: 'Initialising' },
        event: 'BackProbe',
        to: { front: 'Initialising', back: 'InitWait' },
      },
    });
    expect(conformance.verdict(init, { type: 'BackProbe' }, init)).toEqual({
      kind: 'not-in-chart',
      edge: {
        from: { front: 'Initialising', back: 'Initialising' },
        event: 'BackProbe',
        to: { front: 'Initialising', back: 'Initialising' },
      },
      chartTo: { front: 'Initialising', back: 'InitWait' },
    });
    expect(conformance.verdict(init, { type: 'BackIo', s: 0, c: 0 }, probed)).toEqual({
      kind: 'internal-moved',
      action: 'BackIo',
      from: { front: 'Initialising', back: 'Initialising' },
      to: { front: 'Initialising', back: 'InitWait' },
    });
    expect(conformance.verdict(probed, { type: 'DeferredRelease', g: 0 }, probed)).toEqual({ kind: 'internal' });
  });
});

describe('a variant that breaks the lifecycle is caught', () => {
  it('disconnect-on-closing (pre-2012 blkback, B13) disconnects while the front is only Closing', () => {
    const { result, audit } = explore(SMALL, 'disconnect-on-closing');
    expect(result.stats.states).toBe(87);
    expect(statusOf(result, LIFECYCLE_PROPERTY)).toBe('violated');
    const violation = violationsOf(result).find((v) => v.property === LIFECYCLE_PROPERTY)!;
    expect(violation.trace!.steps.map((s) => s.label)).toEqual([
      null,
      'BackProbe',
      'FrontInit',
      'BackConnect',
      'FrontConnect',
      'FrontClose',
      'BackClose',
      'BackDisconnect',
    ]);
    expect([...audit.failures.keys()]).toEqual([
      '(Closing, Closing) -BackDisconnect-> (Closing, Closed) is not a chart step; the chart has no such step from there',
    ]);
    expect([...audit.failures.values()]).toEqual([
      {
        kind: 'not-in-chart',
        edge: {
          from: { front: 'Closing', back: 'Closing' },
          event: 'BackDisconnect',
          to: { front: 'Closing', back: 'Closed' },
        },
        chartTo: null,
      },
    ]);
    // Having left the chart, the model deadlocks at (Closing, Closed): its FrontClosed needs
    // the back Closing. The chart (blkback_changed) would close the front on back Closed.
    const deadlock = violationsOf(result).find((v) => v.property === 'deadlock')!;
    const last = deadlock.trace!.steps.at(-1)!.state as { fe: string; be: string };
    expect([deadlock.length, last.fe, last.be]).toEqual([7, 'Closing', 'Closed']);
    const outOfIt = chartStep(blkLifecycleChart, { front: 'Closing', back: 'Closed' }, 'FrontClosed');
    expect(outOfIt).toEqual({ front: 'Closed', back: 'Closed' });
  });

  it.each([
    ['lru', 91],
    ['free-in-use', 75],
    ['close-busy', 148],
    ['negotiation', 81],
    ['rogue-backend', 140],
    ['xsa396-query', 140],
    ['flush-after-unpin', 229],
    ['teardown-inflight', 288],
    ['uncached-advert', 59],
    // The parameter writes move neither end: internal steps for the chart.
    ['param-change', 335],
    ['stale-persistent', 305],
  ] as const)('%s keeps to the chart (%i states)', (variant, states) => {
    const { result, audit } = explore(SMALL, variant);
    expect(result.stats.states).toBe(states);
    expect(statusOf(result, LIFECYCLE_PROPERTY)).toBe('held');
    expect(new Set(audit.taken.keys())).toEqual(chartEdgeKeys);
  });
});

// Its lifecycle steps are the reference's but for BackDisconnect; no variant of it changes them.
describe('blkif-segments, with its own BackDisconnect, follows the same chart', () => {
  const SEG: SegParams = { P: 2, G: 2, R: 1, S: 2, B: 11, C: 1, MAXP: 2, FP: true, BP: true, HOSTILE: false, NOMEM: false, PURGE: false };
  it.each([
    ['reference', SEG, null, 1_018],
    ['hostile front, no memory', { ...SEG, HOSTILE: true, NOMEM: true }, null, 11_120],
    ['purge, grant table v2', { ...SEG, PURGE: true }, 'gnttab-v2', 3_284],
  ] as const)('%s', (_, p, variant, states) => {
    const model = segmentsModel(p, variant as SegVariant | null);
    const audit = new LifecycleAudit<SegState, Action>(blkifConformance<SegState>());
    const result = check({ ...model, properties: [...model.properties, audit.property] });
    expect(result.complete).toBe(true);
    expect(result.stats.states).toBe(states);
    expect(statusOf(result, LIFECYCLE_PROPERTY)).toBe('held');
    expect(new Set(audit.taken.keys())).toEqual(chartEdgeKeys);
  });
});
