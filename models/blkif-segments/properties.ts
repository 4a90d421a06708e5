/**
 * Properties. `negotiationAgreement`, `unmapOnlyOnDisconnect` and `treeBounded` are the
 * reference model's own (reuse.ts). `noGrefAlias`, `noMappedPrivateFrame`,
 * `tlbCoherent`, `pinAccounting` and `cleanTeardown` keep the reference's names and
 * meanings, restated over segments. The rest are the digest's invariants 5, 7 and 10
 * and the checks it proposes for B8, B9 and B15, which need several segments,
 * persistent-grant accounting or failing maps to say anything.
 */
import type { Action } from '../../src/model/action.js';
import { always, sometimes, type Property } from '../../src/model/property.js';
import { Tlb } from '../xen/hypervisor/tlb.js';
import { XB } from '../xen/xenbus.js';
import { activeNodes, busy, mapsFrame, nodeCount, nodeUsers, slotInFlight, usedSegments } from './helpers.js';
import type { SegParams } from './params.js';
import { referenceProperties } from './reuse.js';
import { FrameSt, NONE, RspSt, SegSt, SlotSt, TreeSt, type SegState as V } from './state.js';

/** Calls `visit(s, i)` for every segment of an in-flight request that holds a mapping. */
function forMappedSegments(v: V, p: SegParams, visit: (s: number, i: number) => boolean): boolean {
  for (let s = 0; s < p.R; s++) {
    if (!slotInFlight(v, s)) continue;
    for (let i = 0; i < p.S; i++) if (v.segKind.at(s).get(i) !== SegSt.None && !visit(s, i)) return false;
  }
  return true;
}

function answered(v: V, p: SegParams, rsp: number): boolean {
  for (let s = 0; s < p.R; s++) if (v.slot.get(s) === SlotSt.Responded && v.slotRsp.get(s) === rsp) return true;
  return false;
}

export function segProperties(p: SegParams): Property<V, Action>[] {
  /** Entry g still belongs to the front that granted frame `frame` (v2: possibly withdrawn). */
  const grants = (v: V, g: number, frame: number): boolean =>
    (v.gtPermit.get(g) || (v.gtWithdrawn?.get(g) ?? false)) && v.gtFrame.get(g) === frame;
  const props: Property<V, Action>[] = [
    ...referenceProperties<V>(p),
    always<V>(
      'noGrefAlias',
      (v) => {
        for (let g = 0; g < p.G; g++) if (v.tree.get(g) !== TreeSt.Absent && !grants(v, g, v.treeFrame.get(g))) return false;
        return forMappedSegments(v, p, (s, i) => grants(v, v.segGref.at(s).get(i), v.segFrame.at(s).get(i)));
      },
      "every backend mapping of a gref (tree node, in-flight segment) agrees with the guest's grant table entry",
    ),
    always<V>(
      'noMappedPrivateFrame',
      (v) => {
        for (let f = 0; f < p.P; f++) if (v.frameSt.get(f) === FrameSt.Private && (mapsFrame(v, p, f) || Tlb.cached(v, f))) return false;
        return true;
      },
      'a frame the guest owns privately is neither mapped by the backend nor in any backend TLB',
    ),
    always<V>(
      'tlbCoherent',
      (v) => {
        for (let f = 0; f < p.P; f++) if (Tlb.cached(v, f) && !mapsFrame(v, p, f)) return false;
        return true;
      },
      'every TLB entry is for a frame the backend currently maps',
    ),
    always<V>(
      'pinAccounting',
      (v) => {
        const want: number[] = [];
        for (let g = 0; g < p.G; g++) want.push(v.tree.get(g) !== TreeSt.Absent ? 1 : 0);
        forMappedSegments(v, p, (s, i) => {
          if (v.segKind.at(s).get(i) === SegSt.Handle) want[v.segGref.at(s).get(i)]!++;
          return true;
        });
        for (let g = 0; g < p.G; g++) if (v.pin.get(g) !== want[g]) return false;
        return true;
      },
      'pin[g] = (1 if a tree node) + in-flight segments holding their own mapping of g: no leaked and no missing mapping',
    ),
    always<V>(
      'cleanTeardown',
      (v) => v.be !== XB.Closed || (nodeCount(v, p) === 0 && !busy(v, p) && Tlb.empty(v)),
      'a Closed backend holds no tree node, no in-flight request and no TLB entry',
    ),
    always<V>(
      'activeNodeOwned',
      (v) => {
        for (let g = 0; g < p.G; g++) if ((v.tree.get(g) === TreeSt.Active) !== nodeUsers(v, p, g) > 0) return false;
        return true;
      },
      'a tree node is active exactly while an in-flight segment uses it: none leaked active (XSA-371), none put under its user',
    ),
    always<V>(
      'nodeSingleUser',
      (v) => {
        for (let g = 0; g < p.G; g++) if (nodeUsers(v, p, g) > 1) return false;
        return true;
      },
      'no two in-flight segments use the same tree node (digest invariant 7)',
    ),
    always<V>(
      'inUseAccounting',
      (v) => v.inUse === activeNodes(v, p),
      'persistent_gnt_in_use equals the number of active nodes (digest invariant 7)',
    ),
    always<V>(
      'requestFullyMapped',
      (v) => {
        for (let s = 0; s < p.R; s++) {
          if (!slotInFlight(v, s)) continue;
          for (let i = 0; i < usedSegments(v, p, s); i++) if (v.segKind.at(s).get(i) === SegSt.None) return false;
        }
        return true;
      },
      'a request the backend hands to the block layer has every segment mapped (XSA-365)',
    ),
    always<V>('noBackendBug', (v) => !v.bug, 'the backend never reaches a BUG()/BUG_ON and never touches a freed node'),
    always<V>(
      'honestRequestsSucceed',
      (v) => {
        for (let s = 0; s < p.R; s++) {
          if (v.slot.get(s) !== SlotSt.Responded || v.slotRsp.get(s) !== RspSt.MapFailed) continue;
          let honest = true;
          for (let i = 0; i < usedSegments(v, p, s); i++) if (v.segEnt.at(s).get(i) === NONE) honest = false;
          if (honest) return false;
        }
        return true;
      },
      "no map of a request made only of grants blkfront holds fails (digest §4 B15)",
    ),
    sometimes<V>('requestInFlight', (v) => busy(v, p), 'the backend has a request mapped (I/O happens at all)'),
    sometimes<V>(
      'reconnectReady',
      (v) => v.be === XB.Closed && v.fe === XB.Closed && !v.pool,
      'a full teardown: both ends Closed and the grant pool freed',
    ),
  ];
  const witness = (name: string, check: (v: V) => boolean, doc: string): void => {
    props.push(sometimes<V>(name, check, doc));
  };
  const mappedSegmentsIn = (v: V, s: number): number => {
    let n = 0;
    for (let i = 0; i < p.S; i++) if (v.segKind.at(s).get(i) !== SegSt.None) n++;
    return n;
  };
  if (p.S >= 2 && (p.P >= 2 || p.HOSTILE)) {
    witness(
      'multiSegmentInFlight',
      (v) => {
        for (let s = 0; s < p.R; s++) if (slotInFlight(v, s) && mappedSegmentsIn(v, s) >= 2) return true;
        return false;
      },
      'a request with several mapped segments is in flight',
    );
  }
  if (p.FP && p.BP && p.MAXP > 0) {
    witness(
      'persistentInUse',
      (v) => !forMappedSegments(v, p, (s, i) => v.segKind.at(s).get(i) !== SegSt.Node),
      'a request uses a persistent mapping (both ends negotiated persistent grants)',
    );
  }
  if (p.HOSTILE) {
    if (p.R * p.S >= 2) {
      witness(
        'sameGrefTwiceInFlight',
        (v) => {
          const seen = new Set<number>();
          return !forMappedSegments(v, p, (s, i) => {
            const g = v.segGref.at(s).get(i);
            if (seen.has(g)) return false;
            seen.add(g);
            return true;
          });
        },
        'one gref is mapped by two in-flight segments (of one request or two)',
      );
    }
    witness('mapFailureAnswered', (v) => answered(v, p, RspSt.MapFailed), 'a request naming a bad gref is answered ERROR');
  }
  if (p.NOMEM) witness('noMemAnswered', (v) => answered(v, p, RspSt.NoMem), 'a request is answered ERROR for lack of memory');
  return props;
}
