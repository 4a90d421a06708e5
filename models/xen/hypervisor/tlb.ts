/**
 * Per-vCPU TLBs of the backend domain: `tlb[c][f]` means vCPU `c` may still hold a
 * translation to guest frame `f`. Touching a mapped frame caches it; only a flush
 * (which Xen does inside every unmap batch for every CPU in the backend's dirty mask,
 * digest §1.6-1.7) removes it. A flush costs one IPI per backend vCPU.
 */
import { array, bool } from '../../../src/layout/shape.js';
import type { BoolArrayView, CompositeArrayView } from '../../../src/layout/shape.js';
import type { EffectSink } from '../../../src/model/effects.js';

export interface TlbView {
  readonly tlb: CompositeArrayView<BoolArrayView>;
}

export function tlbShape(vcpus: number, frames: number) {
  return { tlb: array(vcpus, array(frames, bool())) };
}

export const TLB_EFFECTS = { flush: 'tlbFlushes', ipi: 'flushIpis' } as const;

export const Tlb = {
  touch(v: TlbView, c: number, f: number): void {
    v.tlb.at(c).set(f, true);
  },

  /** Empties every vCPU's TLB; reports one flush and one IPI per vCPU. */
  flush(v: TlbView, fx: EffectSink): void {
    const n = v.tlb.length;
    for (let c = 0; c < n; c++) clearRow(v.tlb.at(c));
    fx.add(TLB_EFFECTS.flush, 1);
    fx.add(TLB_EFFECTS.ipi, n);
  },

  /** Whether any vCPU may still translate to frame `f`. */
  cached(v: TlbView, f: number): boolean {
    for (let c = 0; c < v.tlb.length; c++) if (v.tlb.at(c).get(f)) return true;
    return false;
  },

  /** Bit f set when some vCPU may still translate to frame f (at most 32 frames). */
  cachedMask(v: TlbView): number {
    let m = 0;
    for (let c = 0; c < v.tlb.length; c++) m |= v.tlb.at(c).bits();
    return m >>> 0;
  },

  /** Bit f set when vCPU c may still translate to frame f (at most 32 frames). */
  rowMask(v: TlbView, c: number): number {
    return v.tlb.at(c).bits();
  },

  empty(v: TlbView): boolean {
    for (let c = 0; c < v.tlb.length; c++) if (!rowEmpty(v.tlb.at(c))) return false;
    return true;
  },
};

/** Rows of up to 32 frames are one bit set; longer ones (a model with many frames) go element by element. */
function clearRow(row: BoolArrayView): void {
  if (row.length <= 32) row.setBits(0);
  else for (let f = 0; f < row.length; f++) row.set(f, false);
}

function rowEmpty(row: BoolArrayView): boolean {
  if (row.length <= 32) return row.bits() === 0;
  for (let f = 0; f < row.length; f++) if (row.get(f)) return false;
  return true;
}
