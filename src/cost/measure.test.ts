import { describe, expect, it } from 'vitest';
import { MODELS } from '../../models/index.js';
import { findDefinition, instantiate } from '../model/definition.js';
import { BLKIF_WORKLOAD } from './blkifWorkload.js';
import { DEFAULT_COST_OPTIONS, measureCost } from './measure.js';
import { workloadFor } from './workloads.js';

const blkif = (params: Record<string, unknown>, variant: string | null = null) =>
  instantiate(findDefinition(MODELS, 'blkif'), params, variant).model;

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

describe('cost measurement errors', () => {
  it('refuses a model that reports no effects', () => {
    const twoPhase = instantiate(findDefinition(MODELS, 'two-phase'), {}, null).model;
    expect(() => measureCost(twoPhase, BLKIF_WORKLOAD)).toThrow(expect.objectContaining({ code: 'BAD_MODEL' }));
    expect(workloadFor('two-phase')).toBeNull();
  });

  it('refuses a workload naming an action the model lacks', () => {
    const bad = { ...BLKIF_WORKLOAD, close: [...BLKIF_WORKLOAD.close, 'BackExplode'] };
    expect(() => measureCost(blkif({}), bad)).toThrow(/has no action BackExplode/);
  });

  it('refuses a connect step that is not enabled', () => {
    const bad = { ...BLKIF_WORKLOAD, connect: ['FrontConnect'] };
    expect(() => measureCost(blkif({}), bad)).toThrow(/connect step FrontConnect is not enabled/);
  });
});
