/** Queries over slots, segments and the tree, and the backend's put/unmap primitives. */
import type { UnmapBatch } from '../xen/hypervisor/unmapBatch.js';
import { XB } from '../xen/xenbus.js';
import type { SegParams } from './params.js';
import { NONE, RspSt, SegSt, SlotSt, TreeSt, type SegState as V } from './state.js';

/** Mapped or Done: the backend holds the request (inflight > 0 in blkback). */
export function slotInFlight(v: V, s: number): boolean {
  const st = v.slot.get(s);
  return st === SlotSt.Mapped || st === SlotSt.Done;
}

export function busy(v: V, p: SegParams): boolean {
  for (let s = 0; s < p.R; s++) if (slotInFlight(v, s)) return true;
  return false;
}

/** Number of segments slot s's request has (they are a prefix of the S cells). */
export function usedSegments(v: V, p: SegParams, s: number): number {
  const grefs = v.segGref.at(s);
  let n = 0;
  while (n < p.S && grefs.get(n) !== NONE) n++;
  return n;
}

export function nodeCount(v: V, p: SegParams): number {
  let n = 0;
  for (let g = 0; g < p.G; g++) if (v.tree.get(g) !== TreeSt.Absent) n++;
  return n;
}

export function activeNodes(v: V, p: SegParams): number {
  let n = 0;
  for (let g = 0; g < p.G; g++) if (v.tree.get(g) === TreeSt.Active) n++;
  return n;
}

/** In-flight segments (any slot) holding tree node g. */
export function nodeUsers(v: V, p: SegParams, g: number): number {
  let n = 0;
  for (let s = 0; s < p.R; s++) {
    if (!slotInFlight(v, s)) continue;
    const kinds = v.segKind.at(s);
    const grefs = v.segGref.at(s);
    for (let i = 0; i < p.S; i++) if (kinds.get(i) === SegSt.Node && grefs.get(i) === g) n++;
  }
  return n;
}

/** Whether the backend maps frame f: through a tree node or an in-flight segment. */
export function mapsFrame(v: V, p: SegParams, f: number): boolean {
  for (let g = 0; g < p.G; g++) if (v.tree.get(g) !== TreeSt.Absent && v.treeFrame.get(g) === f) return true;
  for (let s = 0; s < p.R; s++) {
    if (!slotInFlight(v, s)) continue;
    const kinds = v.segKind.at(s);
    const frames = v.segFrame.at(s);
    for (let i = 0; i < p.S; i++) if (kinds.get(i) !== SegSt.None && frames.get(i) === f) return true;
  }
  return false;
}

/** A gref the guest may hand out: not permitted and (grant table v2) not withdrawn-but-allocated. */
export function grefFree(v: V, g: number): boolean {
  return !v.gtPermit.get(g) && !(v.gtWithdrawn?.get(g) ?? false);
}

/** Whether pool entry e is named by a segment of a request the front has not completed. */
export function entryInFlight(v: V, p: SegParams, e: number): boolean {
  for (let s = 0; s < p.R; s++) {
    if (v.slot.get(s) === SlotSt.Idle) continue;
    const ents = v.segEnt.at(s);
    for (let i = 0; i < p.S; i++) if (ents.get(i) === e) return true;
  }
  return false;
}

export function frontLive(v: V): boolean {
  return (v.fe === XB.Connected || v.fe === XB.Closing) && v.pool;
}

/** Segment i forgets its mapping (what the backend held); the front's view (entry, gref) stays. */
export function dropMapping(v: V, s: number, i: number): void {
  v.segKind.at(s).set(i, SegSt.None);
  v.segFrame.at(s).set(i, 0);
}

/** Back to the initial value; `segStale` is left alone, it is the pending_req's memory. */
export function clearSlot(v: V, p: SegParams, s: number): void {
  v.slot.set(s, SlotSt.Idle);
  v.slotRsp.set(s, RspSt.Okay);
  for (let i = 0; i < p.S; i++) {
    v.segEnt.at(s).set(i, NONE);
    v.segGref.at(s).set(i, NONE);
    dropMapping(v, s, i);
  }
}

/**
 * `put_persistent_gnt` on the node a segment points at (by gref): clears `active` and
 * decrements `persistent_gnt_in_use` even if the node was not active (Linux only warns,
 * "freeing a grant already unused"). A pointer to a node no longer in the tree is a
 * use after free.
 */
export function putNode(v: V, g: number): void {
  if (v.tree.get(g) === TreeSt.Absent) {
    v.bug = true;
    return;
  }
  v.tree.set(g, TreeSt.Idle);
  v.inUse = Math.max(-1, v.inUse - 1);
}

/** Activates node g for one more user (`get_persistent_gnt`, or a successful add). */
export function activateNode(v: V, g: number): void {
  v.tree.set(g, TreeSt.Active);
  v.inUse = Math.min(v.inUse + 1, v.tree.length);
}

/** Erases node g and unmaps its grant (one unmap op of `batch`, which flushes when closed). */
export function removeNode(v: V, g: number, batch: UnmapBatch): void {
  batch.unmap(g);
  v.tree.set(g, TreeSt.Absent);
  v.treeFrame.set(g, 0);
}
