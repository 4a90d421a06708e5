/**
 * Linux 3.8's `xen_blkbk_map` (L38-bb; digest §4 B4), for the insert-before-map variant:
 * the lookup returns a node whether or not it is in use, a miss with room in the tree
 * inserts a node *before* the map hypercall (its handle still invalid), and a failed
 * map erases and frees that node. A later segment of the same request that found the
 * fresh node in the tree then reads freed memory.
 *
 * 3.8 had no in-use flag; here a node is Active while some in-flight segment uses it,
 * so that the properties that read Active keep their meaning.
 */
import type { EffectSink } from '../../src/model/effects.js';
import { GrantTable } from '../xen/hypervisor/grantTable.js';
import { UnmapBatch } from '../xen/hypervisor/unmapBatch.js';
import { activateNode, dropMapping, nodeCount, slotInFlight, usedSegments } from './helpers.js';
import type { SegParams } from './params.js';
import { NONE, RspSt, SegSt, SlotSt, TreeSt, type SegState as V } from './state.js';

export function dispatchRequest38(v: V, p: SegParams, s: number, fx: EffectSink): void {
  const n = usedSegments(v, p, s);
  const gref = (i: number): number => v.segGref.at(s).get(i);
  const node: number[] = [];
  const handle: boolean[] = [];
  const frame: number[] = [];
  const pending = new Set<number>();
  const freed = new Set<number>();
  const queued: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = gref(i);
    handle.push(false);
    frame.push(0);
    if (v.bePers && v.tree.get(g) !== TreeSt.Absent) {
      node.push(g);
      if (v.tree.get(g) === TreeSt.Idle) activateNode(v, g);
    } else if (v.bePers && nodeCount(v, p) < p.MAXP) {
      activateNode(v, g);
      pending.add(g);
      node.push(g);
      queued.push(i);
    } else {
      node.push(NONE);
      queued.push(i);
    }
  }
  const status = queued.map((i) => {
    const f = GrantTable.map(v, gref(i), fx);
    frame[i] = Math.max(0, f);
    return f >= 0;
  });
  let ret = false;
  let op = 0;
  for (let i = 0; i < n; i++) {
    const g = node[i]!;
    if (g !== NONE && freed.has(g)) {
      // persistent_gnts[i]->handle on a kfree'd node.
      v.bug = true;
      node[i] = NONE;
      ret = true;
      continue;
    }
    if (g !== NONE && !pending.has(g)) {
      frame[i] = v.treeFrame.get(g);
      continue;
    }
    if (!status[op++]) {
      ret = true;
      if (g !== NONE) {
        v.tree.set(g, TreeSt.Absent);
        v.inUse = Math.max(-1, v.inUse - 1);
        pending.delete(g);
        freed.add(g);
        node[i] = NONE;
      }
      continue;
    }
    if (g !== NONE) {
      v.treeFrame.set(g, frame[i]!);
      pending.delete(g);
    } else handle[i] = true;
  }
  if (!ret) {
    v.slot.set(s, SlotSt.Mapped);
    for (let i = 0; i < n; i++) {
      v.segKind.at(s).set(i, node[i] !== NONE ? SegSt.Node : handle[i] ? SegSt.Handle : SegSt.None);
      v.segFrame.at(s).set(i, frame[i]!);
    }
    return;
  }
  // fail_flush: 3.8 unmaps only the non-persistent segments; its nodes simply stay.
  const batch = new UnmapBatch(v, fx);
  for (let i = 0; i < n; i++) {
    if (handle[i]) batch.unmap(gref(i));
    dropMapping(v, s, i);
  }
  batch.close();
  for (const g of new Set(node)) if (g !== NONE) releaseIfUnused38(v, p, g, s);
  v.slot.set(s, SlotSt.Responded);
  v.slotRsp.set(s, RspSt.MapFailed);
}

/** Node g goes Idle when no in-flight segment outside slot s still uses it. */
export function releaseIfUnused38(v: V, p: SegParams, g: number, s: number): void {
  for (let t = 0; t < p.R; t++) {
    if (t === s || !slotInFlight(v, t)) continue;
    for (let i = 0; i < p.S; i++) {
      if (v.segKind.at(t).get(i) === SegSt.Node && v.segGref.at(t).get(i) === g) return;
    }
  }
  if (v.tree.get(g) === TreeSt.Active) {
    v.tree.set(g, TreeSt.Idle);
    v.inUse = Math.max(-1, v.inUse - 1);
  }
}
