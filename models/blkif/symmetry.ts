/**
 * Symmetry reduction for blkif (`--symmetry`): backend vCPUs, grant references and
 * ring slots are interchangeable identities. Nothing in the protocol prefers one gref,
 * slot or vCPU over another (a grant takes any free gref, a request any idle slot, the
 * I/O any vCPU), and every property quantifies over all of them.
 *
 * The rewrite maps a state to a member of its orbit: it sorts TLB rows, then renames
 * grefs, then ring slots, each by a key of everything attached to the identity
 * (including which pool entries and busy slots refer to it). That is always sound,
 * because the result is a permutation of the state; it is canonical per group, and
 * two symmetric states may rarely keep different representatives under the combined
 * group, which only costs reduction, never a state class. Pool entries are not
 * permuted: entry e owns frame e, and frames appear in too many fields to be worth it.
 */
import type { BlkifParams } from './params.js';
import { NONE, SlotSt, type BlkifState as V } from './state.js';

/** Stable insertion sort of 0..n-1 by `key`; returns whether the order changed. */
function sortIndices(order: Int32Array, key: Float64Array, n: number): boolean {
  let moved = false;
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = 1; i < n; i++) {
    const x = order[i]!;
    let j = i - 1;
    while (j >= 0 && key[order[j]!]! > key[x]!) {
      order[j + 1] = order[j]!;
      j--;
    }
    if (j !== i - 1) moved = true;
    order[j + 1] = x;
  }
  return moved;
}

export function blkifCanonicalizer(p: BlkifParams): (v: V) => void {
  const n = Math.max(p.G, p.R, p.C);
  const key = new Float64Array(n);
  const order = new Int32Array(n);
  const rename = new Int32Array(n);
  const cols = Array.from({ length: 8 }, () => new Int32Array(n));

  /** Rows of tlb[c][f] as bitmasks, sorted. */
  const tlbRows = (v: V): void => {
    for (let c = 0; c < p.C; c++) {
      const row = v.tlb.at(c);
      let m = 0;
      for (let f = 0; f < p.P; f++) if (row.get(f)) m += 2 ** f;
      key[c] = m;
    }
    if (!sortIndices(order, key, p.C)) return;
    for (let c = 0; c < p.C; c++) cols[0]![c] = key[order[c]!]!;
    for (let c = 0; c < p.C; c++) {
      const row = v.tlb.at(c);
      const m = cols[0]![c]!;
      for (let f = 0; f < p.P; f++) row.set(f, Math.floor(m / 2 ** f) % 2 === 1);
    }
  };

  const busy = (v: V, s: number): boolean => v.slot.get(s) !== SlotSt.Idle;

  const grefs = (v: V): void => {
    for (let g = 0; g < p.G; g++) {
      let k = v.gtPermit.get(g) ? 1 : 0;
      k = k * p.P + v.gtFrame.get(g);
      k = k * 64 + v.pin.get(g);
      k = k * 3 + v.tree.get(g);
      k = k * p.P + v.treeFrame.get(g);
      if (v.rogueMap) k = (k * 2 + (v.rogueMap.get(g) ? 1 : 0)) * p.P + v.rogueFrame!.get(g);
      let ents = 0;
      for (let e = 0; e < p.P; e++) if (v.entGref.get(e) === g) ents += 2 ** e;
      let slots = 0;
      for (let s = 0; s < p.R; s++) if (busy(v, s) && v.slotGref.get(s) === g) slots += 2 ** s;
      key[g] = (k * 2 ** p.P + ents) * 2 ** p.R + slots;
    }
    if (!sortIndices(order, key, p.G)) return;
    const [permit, frame, pin, tree, treeFrame, rogue, rogueFrame] = cols as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
    for (let g = 0; g < p.G; g++) {
      permit[g] = v.gtPermit.get(g) ? 1 : 0;
      frame[g] = v.gtFrame.get(g);
      pin[g] = v.pin.get(g);
      tree[g] = v.tree.get(g);
      treeFrame[g] = v.treeFrame.get(g);
      rogue[g] = v.rogueMap?.get(g) ? 1 : 0;
      rogueFrame[g] = v.rogueFrame?.get(g) ?? 0;
    }
    for (let i = 0; i < p.G; i++) {
      const g = order[i]!;
      rename[g] = i;
      v.gtPermit.set(i, permit[g] === 1);
      v.gtFrame.set(i, frame[g]!);
      v.pin.set(i, pin[g]!);
      v.tree.set(i, tree[g]!);
      v.treeFrame.set(i, treeFrame[g]!);
      if (v.rogueMap) {
        v.rogueMap.set(i, rogue[g] === 1);
        v.rogueFrame!.set(i, rogueFrame[g]!);
      }
    }
    for (let e = 0; e < p.P; e++) {
      const g = v.entGref.get(e);
      if (g !== NONE) v.entGref.set(e, rename[g]!);
    }
    // An idle slot's gref is a reset value (0), not a reference: left alone.
    for (let s = 0; s < p.R; s++) if (busy(v, s)) v.slotGref.set(s, rename[v.slotGref.get(s)]!);
  };

  const slots = (v: V): void => {
    for (let s = 0; s < p.R; s++) {
      let k = v.slot.get(s);
      k = k * p.G + v.slotGref.get(s);
      k = k * p.P + v.slotEnt.get(s);
      k = k * p.P + v.slotFrame.get(s);
      k = k * 2 + (v.slotPers.get(s) ? 1 : 0);
      k = k * 2 + (v.slotQueried?.get(s) ? 1 : 0);
      let ents = 0;
      for (let e = 0; e < p.P; e++) if (v.entSlot.get(e) === s) ents += 2 ** e;
      key[s] = k * 2 ** p.P + ents;
    }
    if (!sortIndices(order, key, p.R)) return;
    const [st, gref, ent, frame, pers, queried] = cols as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
    for (let s = 0; s < p.R; s++) {
      st[s] = v.slot.get(s);
      gref[s] = v.slotGref.get(s);
      ent[s] = v.slotEnt.get(s);
      frame[s] = v.slotFrame.get(s);
      pers[s] = v.slotPers.get(s) ? 1 : 0;
      queried[s] = v.slotQueried?.get(s) ? 1 : 0;
    }
    for (let i = 0; i < p.R; i++) {
      const s = order[i]!;
      rename[s] = i;
      v.slot.set(i, st[s]!);
      v.slotGref.set(i, gref[s]!);
      v.slotEnt.set(i, ent[s]!);
      v.slotFrame.set(i, frame[s]!);
      v.slotPers.set(i, pers[s] === 1);
      v.slotQueried?.set(i, queried[s] === 1);
    }
    for (let e = 0; e < p.P; e++) {
      const s = v.entSlot.get(e);
      if (s !== NONE) v.entSlot.set(e, rename[s]!);
    }
  };

  return (v) => {
    tlbRows(v);
    grefs(v);
    slots(v);
  };
}

