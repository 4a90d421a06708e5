/**
 * The blkif reference model's state (reference page, "State and its initial value").
 * Every field not in use is kept at its initial value, so equal situations are equal
 * states; "none" is stored as -1.
 */
import { array, bool, defineEnum, int, record, type ScalarArrayView, type ViewOf } from '../../src/layout/shape.js';
import { grantTableShape } from '../xen/hypervisor/grantTable.js';
import { tlbShape } from '../xen/hypervisor/tlb.js';
import { XB } from '../xen/xenbus.js';
import type { BlkifParams } from './params.js';
import type { Features } from './variants.js';

export const NONE = -1;
export const FrameSt = defineEnum(['Private', 'Pool', 'Deferred']);
export const SlotSt = defineEnum(['Idle', 'Posted', 'Mapped', 'Done', 'Responded']);
export const TreeSt = defineEnum(['Absent', 'Idle', 'Active']);

function baseShape(p: BlkifParams, maxPin: number) {
  const frame = int(0, p.P - 1);
  return {
    fe: XB.shape,
    be: XB.shape,
    fePers: bool(),
    bePers: bool(),
    pool: bool(),
    ...grantTableShape(p.G, p.P, maxPin),
    entGref: array(p.P, int(NONE, p.G - 1)),
    entSlot: array(p.P, int(NONE, p.R - 1)),
    frameSt: array(p.P, FrameSt.shape),
    slot: array(p.R, SlotSt.shape),
    slotGref: array(p.R, int(0, p.G - 1)),
    slotEnt: array(p.R, frame),
    slotFrame: array(p.R, frame),
    slotPers: array(p.R, bool()),
    tree: array(p.G, TreeSt.shape),
    treeFrame: array(p.G, frame),
    ...tlbShape(p.C, p.P),
  };
}

/** Fields only variants that need them add (absent otherwise, so the reference's state space is untouched). */
export interface VariantFields {
  /** rogue-backend: the backend holds one mapping of gref g outside the protocol, of frame rogueFrame[g]. */
  readonly rogueMap?: ScalarArrayView<boolean>;
  readonly rogueFrame?: ScalarArrayView<number>;
  /** xsa396-query: the front has queried "not in use" for the response in slot s and will end access. */
  readonly slotQueried?: ScalarArrayView<boolean>;
}
/** Variant-only scalars (absent otherwise). */
export interface VariantScalars {
  /** flush-after-unpin: an unmap dropped its pin and the TLB flush has not run yet. */
  flushPending?: boolean;
  /**
   * param-change, stale-persistent: the front's and the back's feature_persistent module
   * parameter as the administrator last set it (p.FP, p.BP at first).
   */
  fpNow?: boolean;
  bpNow?: boolean;
}
export type BlkifState = ViewOf<ReturnType<typeof record<ReturnType<typeof baseShape>>>> & VariantFields & VariantScalars;

/**
 * Pins per gref are bounded by the tree node (1), the slots (R) and, with a rogue
 * backend, its extra mapping (1).
 */
export function blkifShape(p: BlkifParams, f: Features) {
  const maxPin = 1 + p.R + (f.rogueBackend ? 1 : 0);
  return record({
    ...baseShape(p, maxPin),
    ...(f.rogueBackend ? { rogueMap: array(p.G, bool()), rogueFrame: array(p.G, int(0, p.P - 1)) } : {}),
    ...(f.splitRevoke ? { slotQueried: array(p.R, bool()) } : {}),
    ...(f.lateFlush ? { flushPending: bool() } : {}),
    ...(f.paramChange ? { fpNow: bool(), bpNow: bool() } : {}),
  });
}

/**
 * The reference page's initial state is the all-zero layout except `entGref`/`entSlot` = none.
 * With runtime parameters they start at FP and BP; stale-persistent's front set its
 * feature variable (`fePers`, info->feature_persistent) from FP in blkfront_probe, which
 * precedes the model's first step.
 */
export function initBlkif(v: BlkifState, p: BlkifParams, f: Features): void {
  for (let e = 0; e < p.P; e++) {
    v.entGref.set(e, NONE);
    v.entSlot.set(e, NONE);
  }
  if (f.paramChange) {
    v.fpNow = p.FP;
    v.bpNow = p.BP;
  }
  if (f.stalePersistent) v.fePers = p.FP;
}
