/**
 * Properties (reference page, "Properties"): the state invariants, the headline action
 * property, and reachability witnesses that keep the invariants from passing vacuously.
 */
import type { Action } from '../../src/model/action.js';
import { actionProperty, always, sometimes, type Property } from '../../src/model/property.js';
import { Tlb } from '../xen/hypervisor/tlb.js';
import { XB } from '../xen/xenbus.js';
import { lowBits, lowestBit, popcount32 } from '../../src/util/bits.js';
import { busy, inFlight, inFlightSlots, inFlightSt, mapsFrame, mappedFrames, small, treeNodes, treeSize, unmappedAmong } from './helpers.js';
import type { BlkifParams } from './params.js';
import { FrameSt, SlotSt, TreeSt, type BlkifState as V } from './state.js';
import type { Features } from './variants.js';

/**
 * `bitSets` picks the form of the hot invariants: bit sets of grefs and slots (the
 * default whenever they fit in 32 bits) or loops over the elements. Both decide the same;
 * bitSets.test.ts compares them on every reachable state.
 */
export function blkifProperties(p: BlkifParams, f: Features, bitSets = small(p)): Property<V, Action>[] {
  // Frame sets as 31-bit masks when they fit (the hot path); per-frame loops otherwise.
  const masks = p.P <= 30;
  /** pinAccounting's per-gref expected pins; each model instance has its own (a run evaluates properties one at a time). */
  const want = new Int32Array(p.G);
  const props: Property<V, Action>[] = [
    always<V>(
      'noGrefAlias',
      (v) => {
        // Fields read into locals once: this runs on every new state.
        const { tree, gtPermit, gtFrame, treeFrame, slot, slotGref, slotFrame } = v;
        const rogue = v.rogueMap;
        if (bitSets) {
          // Every node's (and rogue mapping's) gref is permitted and its frames agree, as
          // bit sets; then each in-flight slot.
          const permitted = gtPermit.maskOf(true);
          if ((treeNodes(v, p) & ~(permitted & gtFrame.matchMask(treeFrame))) !== 0) return false;
          if (rogue && (rogue.maskOf(true) & ~(permitted & gtFrame.matchMask(v.rogueFrame!))) !== 0) return false;
          for (let m = inFlightSlots(v); m !== 0; m &= m - 1) {
            const s = lowestBit(m);
            const g = slotGref.get(s);
            if (((permitted >>> g) & 1) === 0 || gtFrame.get(g) !== slotFrame.get(s)) return false;
          }
          return true;
        }
        for (let g = 0; g < p.G; g++) {
          if (tree.get(g) !== TreeSt.Absent && !(gtPermit.get(g) && gtFrame.get(g) === treeFrame.get(g))) return false;
        }
        if (rogue) {
          for (let g = 0; g < p.G; g++) if (rogue.get(g) && !(gtPermit.get(g) && gtFrame.get(g) === v.rogueFrame!.get(g))) return false;
        }
        for (let s = 0; s < p.R; s++) {
          if (!inFlightSt(slot.get(s))) continue;
          const g = slotGref.get(s);
          if (!(gtPermit.get(g) && gtFrame.get(g) === slotFrame.get(s))) return false;
        }
        return true;
      },
      "every backend mapping of a gref (Mapped/Done slot, tree node) agrees with the guest's grant table entry",
    ),
    always<V>(
      'noMappedPrivateFrame',
      (v) => {
        if (!masks) {
          for (let f = 0; f < p.P; f++) {
            if (v.frameSt.get(f) === FrameSt.Private && (mapsFrame(v, p, f) || Tlb.cached(v, f))) return false;
          }
          return true;
        }
        const priv = v.frameSt.maskOf(FrameSt.Private);
        return priv === 0 || (priv & (mappedFrames(v, p) | Tlb.cachedMask(v))) === 0;
      },
      'a frame the guest owns privately is neither mapped by the backend nor in any backend TLB',
    ),
    always<V>(
      'tlbCoherent',
      (v) => {
        if (!masks) {
          for (let c = 0; c < p.C; c++) {
            const row = v.tlb.at(c);
            for (let f = 0; f < p.P; f++) if (row.get(f) && !mapsFrame(v, p, f)) return false;
          }
          return true;
        }
        const cached = Tlb.cachedMask(v);
        return cached === 0 || unmappedAmong(v, p, cached) === 0;
      },
      'every TLB entry is for a frame the backend currently maps',
    ),
    always<V>(
      'pinAccounting',
      (v) => {
        const { tree, slot, slotPers, slotGref, pin } = v;
        const rogue = v.rogueMap;
        if (bitSets) {
          // Per gref: its node, its rogue mapping, and its in-flight non-persistent slots (a bit set of slots).
          const nodes = treeNodes(v, p);
          const rogues = rogue ? rogue.maskOf(true) : 0;
          const unpersisted = inFlightSlots(v) & ~slotPers.maskOf(true);
          // Usually no slot holds a pin of its own: then a gref has one pin if a node, else none.
          if (unpersisted === 0 && rogues === 0) return pin.maskOf(1) === nodes && pin.maskOf(0) === (lowBits(p.G) & ~nodes) >>> 0;
          for (let g = 0; g < p.G; g++) {
            const slots = unpersisted === 0 ? 0 : popcount32(unpersisted & slotGref.maskOf(g));
            if (pin.get(g) !== ((nodes >>> g) & 1) + ((rogues >>> g) & 1) + slots) return false;
          }
          return true;
        }
        // want[g] counted in one pass over the grefs and one over the slots.
        for (let g = 0; g < p.G; g++) want[g] = (tree.get(g) !== TreeSt.Absent ? 1 : 0) + (rogue?.get(g) ? 1 : 0);
        for (let s = 0; s < p.R; s++) {
          if (inFlightSt(slot.get(s)) && !slotPers.get(s)) want[slotGref.get(s)]!++;
        }
        for (let g = 0; g < p.G; g++) if (pin.get(g) !== want[g]) return false;
        return true;
      },
      'pin[g] = (1 if a tree node) + non-persistent Mapped/Done slots of g',
    ),
    always<V>('treeBounded', (v) => treeSize(v, p) <= p.MAXP, 'the tree never holds more than MAXP nodes'),
    always<V>(
      'negotiationAgreement',
      (v) => !(v.fe === XB.Connected && v.be === XB.Connected) || v.fePers === v.bePers,
      'when both ends are Connected they agree on whether persistent grants are used',
    ),
    always<V>(
      'cleanTeardown',
      (v) => v.be !== XB.Closed || (treeSize(v, p) === 0 && !busy(v, p) && Tlb.empty(v)),
      'a Closed backend holds no tree node, no in-flight request and no TLB entry',
    ),
    actionProperty<V, Action>(
      'unmapOnlyOnDisconnect',
      (pre, _a, post) => {
        if (!(pre.bePers && pre.be === XB.Connected)) return true;
        // Every unmap drops a pin, and nothing else does. (Most steps leave the pins alone:
        // one comparison of the whole array settles those.)
        const before = pre.pin;
        const after = post.pin;
        if (after.equals(before)) return true;
        for (let g = 0; g < p.G; g++) if (after.get(g) < before.get(g)) return false;
        return true;
      },
      'no unmap happens while the backend is Connected and uses persistent grants',
      (pre) => pre.bePers && pre.be === XB.Connected,
    ),
    sometimes<V>(
      'requestInFlight',
      (v) => busy(v, p),
      'the backend has a request mapped (I/O happens at all)',
    ),
    sometimes<V>(
      'reconnectReady',
      (v) => v.be === XB.Closed && v.fe === XB.Closed && !v.pool,
      'a full teardown: both ends Closed and the grant pool freed',
    ),
    sometimes<V>(
      'maxInFlight',
      (v) => {
        if (bitSets) return p.R - popcount32(v.slot.maskOf(SlotSt.Idle)) === Math.min(p.P, p.R);
        let n = 0;
        for (let s = 0; s < p.R; s++) if (v.slot.get(s) !== SlotSt.Idle) n++;
        return n === Math.min(p.P, p.R);
      },
      'as many requests are outstanding as the pool and the ring allow, min(P, R)',
    ),
  ];
  const connected = (v: V): boolean => v.fe === XB.Connected && v.be === XB.Connected;
  if (f.paramChange) {
    props.push(
      always<V>(
        'paramsApplied',
        (v) => !connected(v) || (v.bePers === (v.fpNow! && v.bpNow!) && v.fePers === v.bePers),
        'when both ends are Connected, both use persistent grants iff both feature_persistent parameters, as set for this connection, are on',
      ),
      sometimes<V>(
        'paramChangeApplied',
        (v) => connected(v) && v.bePers !== (p.FP && p.BP),
        'a connection negotiates persistent grants differently from the parameters the device was created with',
      ),
    );
  }
  // With runtime parameters the administrator can switch both on, whatever FP and BP are.
  if ((f.paramChange || (p.FP && p.BP)) && p.MAXP > 0) {
    props.push(
      sometimes<V>(
        'persistentInUse',
        (v) => {
          if (bitSets) return (inFlightSlots(v) & v.slotPers.maskOf(true)) !== 0;
          for (let s = 0; s < p.R; s++) if (inFlight(v, s) && v.slotPers.get(s)) return true;
          return false;
        },
        'a request uses a persistent mapping (both ends negotiated persistent grants)',
      ),
    );
  }
  return props;
}
