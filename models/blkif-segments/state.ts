/**
 * The blkif-segments state. Fields shared with the reference model keep its names and
 * shapes (so its lifecycle commands and some of its properties run unchanged); a ring
 * slot now carries up to S segments. As in the reference, every field not in use is
 * kept at its initial value so that equal situations are equal states; "none" is -1.
 */
import {
  array,
  bool,
  defineEnum,
  int,
  record,
  type CompositeArrayView,
  type ScalarArrayView,
  type Shape,
  type ViewOf,
} from '../../src/layout/shape.js';
import { FrameSt, NONE, SlotSt, TreeSt } from '../blkif/state.js';
import { grantTableShape, grantTableV2Shape } from '../xen/hypervisor/grantTable.js';
import { tlbShape } from '../xen/hypervisor/tlb.js';
import { XB } from '../xen/xenbus.js';
import type { SegParams } from './params.js';
import type { SegFeatures } from './variants.js';

export { FrameSt, NONE, SlotSt, TreeSt };

/**
 * What a segment of an in-flight request holds, i.e. its `struct grant_page`:
 * a tree node (`persistent_gnt`), its own mapping (a valid `handle`, one pin), or nothing
 * (not mapped yet, or BLKBACK_INVALID_HANDLE).
 */
export const SegSt = defineEnum(['None', 'Node', 'Handle']);
/** The status a response carries: OKAY, or ERROR because a map op failed or memory ran out. */
export const RspSt = defineEnum(['Okay', 'MapFailed', 'NoMem']);

function baseShape(p: SegParams) {
  const frame = int(0, p.P - 1);
  const perSegment = <E extends Shape>(of: E) => array(p.R, array(p.S, of));
  return {
    fe: XB.shape,
    be: XB.shape,
    fePers: bool(),
    bePers: bool(),
    pool: bool(),
    // A gref is pinned at most once by its tree node and once per segment in flight.
    ...grantTableShape(p.G, p.P, 1 + p.R * p.S),
    entGref: array(p.P, int(NONE, p.G - 1)),
    frameSt: array(p.P, FrameSt.shape),
    slot: array(p.R, SlotSt.shape),
    slotRsp: array(p.R, RspSt.shape),
    /** Pool entry segment i of slot s uses (the front's shadow), none for a hostile segment or an unused one. */
    segEnt: perSegment(int(NONE, p.P - 1)),
    /** Gref segment i names; none marks an unused segment (used segments are a prefix). */
    segGref: perSegment(int(NONE, p.G - 1)),
    segKind: perSegment(SegSt.shape),
    /** Frame the backend reaches through segment i (0 when segKind is None). */
    segFrame: perSegment(frame),
    tree: array(p.G, TreeSt.shape),
    treeFrame: array(p.G, frame),
    /** `persistent_gnt_in_use`: an atomic counter of its own in Linux; -1 stands for any underflow. */
    inUse: int(-1, p.G),
    /** The backend hit a BUG()/BUG_ON or touched a freed node; sticky. */
    bug: bool(),
    ...tlbShape(p.C, p.P),
  };
}

/** Fields only variants that need them add (absent otherwise, so the base state space is untouched). */
export interface SegVariantFields {
  /** xsa365-nomem: the node `pages[i]->persistent_gnt` of slot s's pending_req still points at (by gref), from its last use. */
  readonly segStale?: CompositeArrayView<ScalarArrayView<number>>;
  /** gnttab-v2: entry g's permit was withdrawn by a failed end-access; still allocated. */
  readonly gtWithdrawn?: ScalarArrayView<boolean>;
}

export type SegState = ViewOf<ReturnType<typeof record<ReturnType<typeof baseShape>>>> & SegVariantFields;

export function segShape(p: SegParams, f: SegFeatures) {
  return record({
    ...baseShape(p),
    ...(f.stalePointers ? { segStale: array(p.R, array(p.S, int(NONE, p.G - 1))) } : {}),
    ...(f.gnttabV2 ? grantTableV2Shape(p.G) : {}),
  });
}

/** All zero except the "none" fields. */
export function initSegments(v: SegState, p: SegParams): void {
  v.inUse = 0;
  for (let e = 0; e < p.P; e++) v.entGref.set(e, NONE);
  for (let s = 0; s < p.R; s++) {
    for (let i = 0; i < p.S; i++) {
      v.segEnt.at(s).set(i, NONE);
      v.segGref.at(s).set(i, NONE);
      v.segStale?.at(s).set(i, NONE);
    }
  }
}
