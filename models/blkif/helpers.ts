/** The reference page's helpers: treeSize, busy, mapsFrame, clearSlot, and unmap-then-flush. */
import type { EffectSink } from '../../src/model/effects.js';
import { lowBits, lowestBit, popcount32 } from '../../src/util/bits.js';
import { UnmapBatch } from '../xen/hypervisor/unmapBatch.js';
import type { BlkifParams } from './params.js';
import { NONE, SlotSt, TreeSt, type BlkifState } from './state.js';
import type { Features } from './variants.js';

// The helpers below run on every new state (properties) and in guards, so each reads a
// view field into a local once instead of once per element, and, where the arrays have
// at most 32 elements (small(p)), works on bit sets (maskOf) instead of element loops.

/** Whether grefs and slots fit in 32-bit sets (G <= 32 and R <= 32; P <= G). */
export function small(p: BlkifParams): boolean {
  return p.G <= 32 && p.R <= 32;
}

/** The grefs with a tree node, as a bit set (small(p) only). */
export function treeNodes(v: BlkifState, p: BlkifParams): number {
  return (~v.tree.maskOf(TreeSt.Absent) & lowBits(p.G)) >>> 0;
}

/** The Mapped or Done slots, as a bit set (small(p) only). */
export function inFlightSlots(v: BlkifState): number {
  const slot = v.slot;
  return (slot.maskOf(SlotSt.Mapped) | slot.maskOf(SlotSt.Done)) >>> 0;
}

export function treeSize(v: BlkifState, p: BlkifParams): number {
  if (small(p)) return popcount32(treeNodes(v, p));
  const tree = v.tree;
  let n = 0;
  for (let g = 0; g < p.G; g++) if (tree.get(g) !== TreeSt.Absent) n++;
  return n;
}

/** A slot in state `st` is in flight: Mapped or Done. */
export function inFlightSt(st: number): boolean {
  return st === SlotSt.Mapped || st === SlotSt.Done;
}

export function inFlight(v: BlkifState, s: number): boolean {
  return inFlightSt(v.slot.get(s));
}

/** Some slot is Mapped or Done. */
export function busy(v: BlkifState, p: BlkifParams): boolean {
  if (small(p)) return inFlightSlots(v) !== 0;
  const slot = v.slot;
  for (let s = 0; s < p.R; s++) {
    if (inFlightSt(slot.get(s))) return true;
  }
  return false;
}

/**
 * Some slot is in state `st`. The slot families test this once per state (their guards'
 * `when`) before testing each slot.
 */
export function anySlotIn(v: BlkifState, p: BlkifParams, st: number): boolean {
  const slot = v.slot;
  if (small(p)) return slot.maskOf(st) !== 0;
  for (let s = 0; s < p.R; s++) if (slot.get(s) === st) return true;
  return false;
}

/**
 * Some gref is granted, unpinned and in no pool entry: the grefs DeferredRelease frees.
 * Its shared test, before each gref's (in most states no gref qualifies).
 */
export function anyReleasable(v: BlkifState, p: BlkifParams): boolean {
  if (small(p)) {
    const { gtPermit, pin, entGref } = v;
    const unpinned = gtPermit.maskOf(true) & pin.maskOf(0);
    if (unpinned === 0) return false;
    let held = 0;
    for (let e = 0; e < p.P; e++) {
      const g = entGref.get(e);
      if (g !== NONE) held |= 1 << g;
    }
    return (unpinned & ~held) !== 0;
  }
  for (let g = 0; g < p.G; g++) if (releasable(v, p, g)) return true;
  return false;
}

/** Gref `g` is granted, unpinned and in no pool entry: DeferredRelease(g) may free it. */
export function releasable(v: BlkifState, p: BlkifParams, g: number): boolean {
  if (!v.gtPermit.get(g) || v.pin.get(g) !== 0) return false;
  const entGref = v.entGref;
  for (let e = 0; e < p.P; e++) if (entGref.get(e) === g) return false;
  return true;
}

/** A tree node maps frame f, or a Mapped/Done slot does, or (rogue backend) a rogue mapping does. */
export function mapsFrame(v: BlkifState, p: BlkifParams, f: number): boolean {
  for (let g = 0; g < p.G; g++) if (v.tree.get(g) !== TreeSt.Absent && v.treeFrame.get(g) === f) return true;
  for (let s = 0; s < p.R; s++) if (inFlight(v, s) && v.slotFrame.get(s) === f) return true;
  if (v.rogueMap) for (let g = 0; g < p.G; g++) if (v.rogueMap.get(g) && v.rogueFrame!.get(g) === f) return true;
  return false;
}

/** {@link mapsFrame} for every frame at once: bit f set when frame f is mapped (P < 31). */
export function mappedFrames(v: BlkifState, p: BlkifParams): number {
  // Only the nodes and the in-flight slots, by their bit sets (unmappedAmong's walk).
  if (small(p) && !v.rogueMap) return (lowBits(p.P) & ~unmappedAmong(v, p, lowBits(p.P))) >>> 0;
  const tree = v.tree;
  const treeFrame = v.treeFrame;
  const slot = v.slot;
  const slotFrame = v.slotFrame;
  let m = 0;
  for (let g = 0; g < p.G; g++) if (tree.get(g) !== TreeSt.Absent) m |= 1 << treeFrame.get(g);
  for (let s = 0; s < p.R; s++) {
    if (inFlightSt(slot.get(s))) m |= 1 << slotFrame.get(s);
  }
  const rogue = v.rogueMap;
  if (rogue) for (let g = 0; g < p.G; g++) if (rogue.get(g)) m |= 1 << v.rogueFrame!.get(g);
  return m;
}

/**
 * The frames of `frames` that nothing maps: `frames & ~mappedFrames(v, p)`, stopping as
 * soon as every one is found mapped (the tree nodes usually account for all of them).
 */
export function unmappedAmong(v: BlkifState, p: BlkifParams, frames: number): number {
  if (!small(p) || v.rogueMap) return (frames & ~mappedFrames(v, p)) >>> 0;
  const { treeFrame, slotFrame } = v;
  let left = frames;
  for (let nodes = treeNodes(v, p); nodes !== 0 && left !== 0; nodes &= nodes - 1) left &= ~(1 << treeFrame.get(lowestBit(nodes)));
  for (let slots = inFlightSlots(v); slots !== 0 && left !== 0; slots &= slots - 1) left &= ~(1 << slotFrame.get(lowestBit(slots)));
  return left >>> 0;
}

export function clearSlot(v: BlkifState, s: number): void {
  v.slot.set(s, SlotSt.Idle);
  v.slotGref.set(s, 0);
  v.slotEnt.set(s, 0);
  v.slotFrame.set(s, 0);
  v.slotPers.set(s, false);
  if (v.slotQueried) v.slotQueried.set(s, false);
}

/**
 * Opens one unmap hypercall (the page's **unmap** ... then **flush**). Xen flushes inside
 * the batch (unmap, flush, complete); under flush-after-unpin (the 2006-07 bug) the pins
 * drop at once and the flush is owed to a later HvFlush step ({@link closeUnmap}).
 */
export function openUnmap(v: BlkifState, f: Features, fx: EffectSink): UnmapBatch {
  return new UnmapBatch(v, fx, f.lateFlush ? 'owed' : 'in-batch');
}

/** Closes the hypercall: flushes, or (flush-after-unpin) leaves the flush pending. */
export function closeUnmap(v: BlkifState, batch: UnmapBatch): void {
  if (batch.close()) v.flushPending = true;
}

/** Removes tree node g: one unmap op of `batch`. */
export function unmapNode(v: BlkifState, g: number, batch: UnmapBatch): void {
  batch.unmap(g);
  v.tree.set(g, TreeSt.Absent);
  v.treeFrame.set(g, 0);
}
