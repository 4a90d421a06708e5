import { describe, expect, it } from 'vitest';
import { MODELS } from '../../models/index.js';
import { findDefinition, instantiate } from '../model/definition.js';
import { BLKIF_SEGMENTS_WORKLOAD } from './blkifSegmentsWorkload.js';
import { BLKIF_WORKLOAD } from './blkifWorkload.js';
import { DEFAULT_COST_OPTIONS, measureCost } from './measure.js';
import { workloadFor } from './workloads.js';

const blkif = (params: Record<string, unknown>, variant: string | null = null) =>
  instantiate(findDefinition(MODELS, 'blkif'), params, variant).model;
const segments = (params: Record<string, unknown>, variant: string | null = null) =>
  instantiate(findDefinition(MODELS, 'blkif-segments'), params, variant).model;

describe('cost measurement on the blkif model', () => {
  it('pins the reference protocol: two maps per connection, unmapped and flushed once at disconnect', () => {
    const m = measureCost(blkif({}), BLKIF_WORKLOAD);
    expect(m.submitted).toBe(2000);
    expect(m.completed).toBe(2000);
    expect(m.stalledWalks).toBe(0);
    expect(m.totals).toEqual({ completedRequests: 2000, flushIpis: 8, mapHypercallOps: 8, tlbFlushes: 4, unmapHypercallOps: 8 });
    expect(m.perRequest['unmapHypercallOps']).toBe(0.004);
  });

  it('pins the pre-2012 protocol: one map, one unmap and one flush of C IPIs per request', () => {
    const m = measureCost(blkif({ FP: false, BP: false }), BLKIF_WORKLOAD);
    expect(m.totals).toEqual({ completedRequests: 2000, flushIpis: 4000, mapHypercallOps: 2000, tlbFlushes: 2000, unmapHypercallOps: 2000 });
    expect(m.perRequest).toEqual({ completedRequests: 1, flushIpis: 2, mapHypercallOps: 1, tlbFlushes: 1, unmapHypercallOps: 1 });
  });

  it('pins the lru variant and the undersized tree, whose counts depend on the seeded schedule', () => {
    expect(measureCost(blkif({}, 'lru'), BLKIF_WORKLOAD).totals).toEqual({
      completedRequests: 2000,
      flushIpis: 3468,
      mapHypercallOps: 1734,
      tlbFlushes: 1734,
      unmapHypercallOps: 1734,
    });
    expect(measureCost(blkif({ MAXP: 1 }), BLKIF_WORKLOAD).totals['unmapHypercallOps']).toBe(1043);
    expect(measureCost(blkif({}, 'lru'), BLKIF_WORKLOAD, { ...DEFAULT_COST_OPTIONS, seed: 2 }).totals['unmapHypercallOps']).toBe(1738);
  });

  it('counts C IPIs per flush', () => {
    for (const C of [1, 2, 3]) {
      const m = measureCost(blkif({ C, FP: false, BP: false }), BLKIF_WORKLOAD);
      expect(m.totals['flushIpis']).toBe(C * m.totals['tlbFlushes']!);
    }
  });

  it('counts the flush flush-after-unpin leaves pending at disconnect', () => {
    expect(measureCost(blkif({}, 'flush-after-unpin'), BLKIF_WORKLOAD).totals['tlbFlushes']).toBe(4);
  });

  it('is deterministic', () => {
    const a = measureCost(blkif({}, 'lru'), BLKIF_WORKLOAD, { walks: 2, requestsPerWalk: 50, seed: 7 });
    const b = measureCost(blkif({}, 'lru'), BLKIF_WORKLOAD, { walks: 2, requestsPerWalk: 50, seed: 7 });
    expect(a).toEqual(b);
  });
});

describe('cost measurement on the blkif-segments model', () => {
  it('walks 4 connections of 100 requests by default', () => {
    expect(workloadFor('blkif-segments')).toBe(BLKIF_SEGMENTS_WORKLOAD);
    expect(BLKIF_SEGMENTS_WORKLOAD.options).toEqual({ walks: 4, requestsPerWalk: 100, seed: 1 });
  });

  it('pins the persistent protocol: each of the G = 2 grefs mapped once per connection, unmapped in one flush at disconnect', () => {
    const m = measureCost(segments({}), BLKIF_SEGMENTS_WORKLOAD);
    expect([m.submitted, m.completed, m.stalledWalks]).toEqual([400, 400, 0]);
    expect(m.totals).toEqual({ completedRequests: 400, flushIpis: 4, mapHypercallOps: 8, tlbFlushes: 4, unmapHypercallOps: 8 });
  });

  it('pins the pre-2012 protocol: every segment mapped and unmapped, one flush of C IPIs per request', () => {
    for (const C of [1, 3]) {
      const m = measureCost(segments({ FP: false, BP: false, C }), BLKIF_SEGMENTS_WORKLOAD);
      expect(m.totals).toEqual({ completedRequests: 400, flushIpis: 400 * C, mapHypercallOps: 597, tlbFlushes: 400, unmapHypercallOps: 597 });
    }
  });

  it("counts a hostile front's raw requests as submissions, and needs FrontSubmitRaw only where the instance has it", () => {
    expect(segments({}).actionTypes).not.toContain('FrontSubmitRaw');
    const m = measureCost(segments({ HOSTILE: true }), BLKIF_SEGMENTS_WORKLOAD);
    expect([m.submitted, m.completed, m.stalledWalks]).toEqual([400, 400, 0]);
    expect(m.totals).toEqual({ completedRequests: 400, flushIpis: 80, mapFailures: 3, mapHypercallOps: 87, tlbFlushes: 80, unmapHypercallOps: 84 });
  });
});

describe('cost measurement errors', () => {
  it('refuses a model that reports no effects', () => {
    const twoPhase = instantiate(findDefinition(MODELS, 'two-phase'), {}, null).model;
    expect(() => measureCost(twoPhase, BLKIF_WORKLOAD)).toThrow(expect.objectContaining({ code: 'BAD_MODEL' }));
    expect(workloadFor('two-phase')).toBeNull();
  });

  it('refuses a workload naming an action the model lacks, unless the workload marks it optional', () => {
    const bad = { ...BLKIF_WORKLOAD, close: [...BLKIF_WORKLOAD.close, 'BackExplode'] };
    expect(() => measureCost(blkif({}), bad)).toThrow(/has no action BackExplode/);
    const submitsRaw = { ...BLKIF_SEGMENTS_WORKLOAD, optional: BLKIF_WORKLOAD.optional };
    expect(() => measureCost(segments({}), submitsRaw)).toThrow(/has no action FrontSubmitRaw, which the blkif-segments cost workload names/);
  });

  it('refuses a connect step that is not enabled', () => {
    const bad = { ...BLKIF_WORKLOAD, connect: ['FrontConnect'] };
    expect(() => measureCost(blkif({}), bad)).toThrow(/connect step FrontConnect is not enabled/);
  });
});
