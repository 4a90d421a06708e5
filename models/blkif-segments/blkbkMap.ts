/**
 * `xen_blkbk_map` (L-bb; digest §2.4) and what `dispatch_rw_block_io` does with its
 * result, as one step of the ring kthread: look every segment up in the tree, map the
 * misses in batches of B ops, add fresh mappings to the tree while there is room, and on
 * an error unmap and put what was taken (`fail_flush`) and answer ERROR.
 *
 * The loop follows the C code line by line, including the variables the historical
 * bugs are about (`last_map`, `map_until`, `segs_to_map`, `ret`); the variants switch
 * single lines back to their pre-fix form. The step is atomic: only the kthread looks
 * up and adds nodes, and a concurrent `put_persistent_gnt` could only turn an "already
 * in use" lookup into a duplicate add that is refused the same way.
 */
import type { EffectSink } from '../../src/model/effects.js';
import { GrantTable, GT_EFFECTS } from '../xen/hypervisor/grantTable.js';
import { UnmapBatch } from '../xen/hypervisor/unmapBatch.js';
import { activateNode, dropMapping, nodeCount, putNode, usedSegments } from './helpers.js';
import type { SegParams } from './params.js';
import { NONE, RspSt, SegSt, SlotSt, TreeSt, type SegState as V } from './state.js';
import type { SegFeatures } from './variants.js';

/** An environment failure injected into one run of xen_blkbk_map. */
export type MapFault =
  | { readonly kind: 'none' }
  /** `gnttab_page_cache_get` finds no free page for segment `seg` (ENOMEM). */
  | { readonly kind: 'noPage'; readonly seg: number }
  /** The PV p2m update for segment `seg`'s op fails inside `gnttab_map_refs` (ENOMEM); that op is undone. */
  | { readonly kind: 'p2m'; readonly seg: number };

export const NO_FAULT: MapFault = { kind: 'none' };

/** What each `grant_page` of the request holds when xen_blkbk_map returns. */
export interface GrantPages {
  /** `persistent_gnt`, as the gref of the node it points at, or none. */
  readonly node: number[];
  /** A valid `handle` of a mapping of this segment's own (one pin). */
  readonly handle: boolean[];
  readonly frame: number[];
}

const OK = 0;
const MAP_ERROR = 1;
const NO_MEM = 2;

/** Runs one dispatch of slot s's request; returns whether `fault` was reached (else the run is the fault-free one). */
export function dispatchRequest(v: V, p: SegParams, f: SegFeatures, s: number, fault: MapFault, fx: EffectSink): boolean {
  const n = usedSegments(v, p, s);
  const pages: GrantPages = { node: [], handle: [], frame: [] };
  for (let i = 0; i < n; i++) {
    // Unprocessed grant_pages keep what the pending_req's previous request left (stale).
    pages.node.push(v.segStale ? v.segStale.at(s).get(i) : NONE);
    pages.handle.push(false);
    pages.frame.push(0);
  }
  const { ret, faultReached } = xenBlkbkMap(v, p, f, s, n, pages, fault, fx);
  if (ret === OK) {
    v.slot.set(s, SlotSt.Mapped);
    for (let i = 0; i < n; i++) {
      const kind = pages.node[i] !== NONE ? SegSt.Node : pages.handle[i] ? SegSt.Handle : SegSt.None;
      v.segKind.at(s).set(i, kind);
      v.segFrame.at(s).set(i, pages.frame[i]!);
    }
  } else {
    failFlush(v, s, n, pages, fx);
    v.slot.set(s, SlotSt.Responded);
    v.slotRsp.set(s, ret === NO_MEM ? RspSt.NoMem : RspSt.MapFailed);
  }
  // Neither the unmap path nor completion clears persistent_gnt: the next request sees it.
  if (v.segStale) for (let i = 0; i < n; i++) v.segStale.at(s).set(i, pages.node[i]!);
  return faultReached;
}

function xenBlkbkMap(
  v: V,
  p: SegParams,
  f: SegFeatures,
  s: number,
  n: number,
  pages: GrantPages,
  fault: MapFault,
  fx: EffectSink,
): { ret: number; faultReached: boolean } {
  const gref = (i: number): number => v.segGref.at(s).get(i);
  const usePersistent = v.bePers;
  let lastMap = 0;
  let mapUntil = 0;
  let segsToMap = 0;
  let ret = OK;
  let faultReached = false;
  let outOfPages = false;
  for (;;) {
    // again: look up each segment; queue a map op for every miss, at most B per batch.
    const queued: number[] = [];
    for (let i = mapUntil; i < n; i++) {
      const g = gref(i);
      // get_persistent_gnt: an active node is "a grant already in use" and is not returned.
      if (usePersistent && v.tree.get(g) === TreeSt.Idle) {
        activateNode(v, g);
        pages.node[i] = g;
        pages.frame[i] = v.treeFrame.get(g);
      } else {
        if (fault.kind === 'noPage' && fault.seg === i) {
          faultReached = true;
          outOfPages = true;
          break;
        }
        pages.node[i] = NONE;
        queued.push(i);
      }
      mapUntil = i + 1;
      if (queued.length === p.B) break;
    }
    segsToMap = queued.length;
    if (outOfPages) {
      ret = NO_MEM;
      break;
    }
    // gnttab_map_refs: the batch's return value is assigned to ret (not or-ed).
    const status: boolean[] = [];
    if (segsToMap > 0) {
      let batchError = false;
      for (const i of queued) {
        const p2mFails = fault.kind === 'p2m' && fault.seg === i;
        if (p2mFails) faultReached = batchError = true;
        status.push(mapOp(v, gref(i), p2mFails, pages, i, fx));
      }
      ret = batchError ? NO_MEM : OK;
      if (batchError && f.bugOnMapError) v.bug = true;
    }
    // Fix-up of the batch's new mappings, in segment order.
    let op = 0;
    for (let i = lastMap; i < mapUntil; i++) {
      if (pages.node[i] !== NONE) continue;
      if (!status[op++]) {
        pages.handle[i] = false;
        if (ret === OK) ret = MAP_ERROR;
        continue;
      }
      pages.handle[i] = true;
      const g = gref(i);
      // add_persistent_gnt refuses a gref already in the tree (-EINVAL): the segment
      // keeps its own mapping, unmapped at completion.
      if (usePersistent && nodeCount(v, p) < p.MAXP && v.tree.get(g) === TreeSt.Absent) {
        v.treeFrame.set(g, pages.frame[i]!);
        activateNode(v, g);
        pages.node[i] = g;
        pages.handle[i] = false;
      }
    }
    segsToMap = 0;
    lastMap = mapUntil;
    if (mapUntil === n) break;
    if (ret !== OK && !f.retOverwrite) break;
  }
  // out: invalidate what the unmap path must not touch.
  const keepFrom = f.zapBatchHits ? lastMap + segsToMap : mapUntil;
  for (let i = lastMap; i < n; i++) {
    const staleKept = f.stalePointers && outOfPages && i >= mapUntil;
    if (i >= keepFrom && !staleKept) pages.node[i] = NONE;
    pages.handle[i] = false;
  }
  return { ret, faultReached };
}

/** One op of the batch; a p2m failure is undone at once (Linux handles it per slot). */
function mapOp(v: V, g: number, p2mFails: boolean, pages: GrantPages, i: number, fx: EffectSink): boolean {
  if (p2mFails) {
    fx.add(GT_EFFECTS.map, 1);
    fx.add(GT_EFFECTS.mapFailed, 1);
    return false;
  }
  const frame = GrantTable.map(v, g, fx);
  if (frame < 0) return false;
  pages.frame[i] = frame;
  return true;
}

/** `fail_flush`: xen_blkbk_unmap over every segment (put nodes, unmap valid handles; one flush), then ERROR. */
function failFlush(v: V, s: number, n: number, pages: GrantPages, fx: EffectSink): void {
  const batch = new UnmapBatch(v, fx);
  for (let i = 0; i < n; i++) {
    const g = v.segGref.at(s).get(i);
    if (pages.node[i] !== NONE) putNode(v, pages.node[i]!);
    else if (pages.handle[i]) batch.unmap(g);
    dropMapping(v, s, i);
  }
  batch.close();
}
