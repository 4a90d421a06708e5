import { describe, expect, it } from 'vitest';
import { compileLayout } from '../../../src/layout/compile.js';
import { record } from '../../../src/layout/shape.js';
import { EffectCounter } from '../../../src/model/effects.js';
import { GrantTable, GrantTableV2, grantTableShape, grantTableV2Shape, GT_EFFECTS } from './grantTable.js';
import { Tlb, TLB_EFFECTS, tlbShape } from './tlb.js';
import { UNMAP_BATCH_SIZE, UnmapBatch } from './unmapBatch.js';

// A state shape that is no blkif model's: the parts compose into any Xen model's state.
const GREFS = 40;
const FRAMES = 31;
const VCPUS = 3;
const layout = compileLayout(
  record({ ...grantTableShape(GREFS, FRAMES, 2), ...grantTableV2Shape(GREFS), ...tlbShape(VCPUS, FRAMES) }),
);
const fresh = () => layout.create();

describe('grant table', () => {
  it('maps only a permitted entry, pins it once per map and hands out the granted frame', () => {
    const v = fresh();
    const fx = new EffectCounter();
    expect(GrantTable.map(v, 3, fx)).toBe(-1);
    expect([v.pin.get(3), fx.get(GT_EFFECTS.map), fx.get(GT_EFFECTS.mapFailed)]).toEqual([0, 1, 1]);
    GrantTable.grant(v, 3, 7);
    expect(GrantTable.map(v, 3, fx)).toBe(7);
    expect(GrantTable.map(v, 3, fx)).toBe(7);
    expect([v.pin.get(3), fx.get(GT_EFFECTS.map), fx.get(GT_EFFECTS.mapFailed)]).toEqual([2, 3, 1]);
  });

  it('refuses to end access while pinned and clears the entry to its canonical zero when it ends', () => {
    const v = fresh();
    GrantTable.grant(v, 1, 5);
    GrantTable.map(v, 1, new EffectCounter());
    expect(GrantTable.tryEndForeignAccess(v, 1)).toBe(false);
    expect([v.gtPermit.get(1), v.gtFrame.get(1)]).toEqual([true, 5]);
    GrantTable.unmapOp(v, 1, new EffectCounter());
    expect(GrantTable.tryEndForeignAccess(v, 1)).toBe(true);
    expect([v.gtPermit.get(1), v.gtFrame.get(1), v.pin.get(1)]).toEqual([false, 0, 0]);
  });

  it('rejects an unmap of an entry nothing pins, and a pin past its bound, by the state layout', () => {
    const v = fresh();
    expect(() => GrantTable.unmapOp(v, 0, new EffectCounter())).toThrow(/pin\[0\] set to -1/);
    GrantTable.grant(v, 0, 0);
    GrantTable.map(v, 0, new EffectCounter());
    GrantTable.map(v, 0, new EffectCounter());
    expect(() => GrantTable.map(v, 0, new EffectCounter())).toThrow(/pin\[0\] set to 3/);
  });

  it('v2: a failed end-access still withdraws the permit, so new maps fail while the old pin stays', () => {
    const v = fresh();
    GrantTable.grant(v, 2, 4);
    GrantTable.map(v, 2, new EffectCounter());
    expect(GrantTableV2.tryEndForeignAccess(v, 2)).toBe(false);
    expect([v.gtPermit.get(2), v.gtWithdrawn.get(2), v.pin.get(2), v.gtFrame.get(2)]).toEqual([false, true, 1, 4]);
    expect(GrantTable.map(v, 2, new EffectCounter())).toBe(-1);
    GrantTable.unmapOp(v, 2, new EffectCounter());
    GrantTableV2.clear(v, 2);
    expect([v.gtPermit.get(2), v.gtWithdrawn.get(2), v.gtFrame.get(2)]).toEqual([false, false, 0]);
    GrantTable.grant(v, 2, 4);
    expect(GrantTableV2.tryEndForeignAccess(v, 2)).toBe(true);
    expect(v.gtWithdrawn.get(2)).toBe(false);
  });
});

describe('TLBs', () => {
  it('cache per vCPU until a flush, which empties all of them at one IPI per vCPU', () => {
    const v = fresh();
    Tlb.touch(v, 0, 30);
    Tlb.touch(v, 2, 1);
    expect([Tlb.cached(v, 30), Tlb.cached(v, 1), Tlb.cached(v, 2), Tlb.empty(v)]).toEqual([true, true, false, false]);
    expect([Tlb.rowMask(v, 0), Tlb.rowMask(v, 1), Tlb.rowMask(v, 2), Tlb.cachedMask(v)]).toEqual([2 ** 30, 0, 2, 2 ** 30 + 2]);
    const fx = new EffectCounter();
    Tlb.flush(v, fx);
    expect([Tlb.empty(v), fx.get(TLB_EFFECTS.flush), fx.get(TLB_EFFECTS.ipi)]).toEqual([true, 1, VCPUS]);
  });
});

describe('unmap batch', () => {
  const mapped = (grefs: number) => {
    const v = fresh();
    for (let g = 0; g < grefs; g++) {
      GrantTable.grant(v, g, g % FRAMES);
      GrantTable.map(v, g, new EffectCounter());
      Tlb.touch(v, g % VCPUS, g % FRAMES);
    }
    return v;
  };

  it('drops each pin, then flushes every vCPU once per batch of up to 32 ops', () => {
    for (const [ops, flushes] of [
      [1, 1],
      [UNMAP_BATCH_SIZE, 1],
      [UNMAP_BATCH_SIZE + 1, 2],
    ] as const) {
      const v = mapped(ops);
      const fx = new EffectCounter();
      const batch = new UnmapBatch(v, fx);
      for (let g = 0; g < ops; g++) batch.unmap(g);
      expect(batch.size).toBe(ops);
      expect(Tlb.empty(v)).toBe(false); // the flush belongs to the end of the hypercall
      expect(batch.close()).toBe(false);
      expect(Tlb.empty(v)).toBe(true);
      expect([fx.get(GT_EFFECTS.unmap), fx.get(TLB_EFFECTS.flush), fx.get(TLB_EFFECTS.ipi)]).toEqual([ops, flushes, flushes * VCPUS]);
      for (let g = 0; g < ops; g++) expect(GrantTable.tryEndForeignAccess(v, g)).toBe(true);
    }
  });

  it('flushes nothing when it unmapped nothing', () => {
    const v = mapped(2);
    const fx = new EffectCounter();
    expect(new UnmapBatch(v, fx).close()).toBe(false);
    expect([Tlb.empty(v), fx.counts.size]).toEqual([false, 0]);
  });

  it("with the flush 'owed' (Xen 2006-07), drops the pins at once and leaves the TLBs for a later flush", () => {
    const v = mapped(2);
    const fx = new EffectCounter();
    const batch = new UnmapBatch(v, fx, 'owed');
    batch.unmap(0);
    expect(batch.close()).toBe(true);
    // The guest can already revoke a frame a vCPU still translates: the B1 window.
    expect([v.pin.get(0), GrantTable.tryEndForeignAccess(v, 0), Tlb.cached(v, 0)]).toEqual([0, true, true]);
    expect(fx.get(TLB_EFFECTS.flush)).toBe(0);
  });

  it('is one hypercall: no op after close, no second close', () => {
    const batch = new UnmapBatch(mapped(1), new EffectCounter());
    batch.close();
    expect(() => batch.unmap(0)).toThrow(/after close/);
    expect(() => batch.close()).toThrow(/closed twice/);
  });
});
