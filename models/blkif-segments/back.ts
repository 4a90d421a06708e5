/**
 * The backend's I/O and teardown (digest §2.4, §2.5, §2.7, §2.9): dispatch a request
 * (blkbkMap.ts), do its I/O, complete it (`xen_blkbk_unmap_and_respond`), purge idle
 * persistent grants, and free everything at disconnect.
 */
import type { Action } from '../../src/model/action.js';
import { IGNORE_EFFECTS, type EffectSink } from '../../src/model/effects.js';
import { family } from '../../src/model/layoutModel.js';
import type { Command } from '../../src/model/model.js';
import { Tlb } from '../xen/hypervisor/tlb.js';
import { UnmapBatch } from '../xen/hypervisor/unmapBatch.js';
import { XB } from '../xen/xenbus.js';
import { dispatchRequest, NO_FAULT, type MapFault } from './blkbkMap.js';
import { dispatchRequest38, releaseIfUnused38 } from './blkbkMap38.js';
import { busy, clearSlot, dropMapping, frontLive, putNode, removeNode, usedSegments } from './helpers.js';
import type { SegParams } from './params.js';
import { SegSt, SlotSt, TreeSt, type SegState as V } from './state.js';
import type { SegFeatures } from './variants.js';

/**
 * `scratch(v)` returns a private copy of `v`: a fault's guard runs the dispatch on it
 * to learn whether the loop reaches the faulting segment.
 */
export function backCommands(p: SegParams, f: SegFeatures, scratch: (v: V) => V): Command<V, Action>[] {
  const posted = (v: V, s: number): boolean => v.be === XB.Connected && v.slot.get(s) === SlotSt.Posted;
  const dispatch = (fault: MapFault) => (v: V, s: number, fx: EffectSink): boolean => dispatchRequest(v, p, f, s, fault, fx);
  const faultReached = (v: V, s: number, fault: MapFault): boolean =>
    fault.kind !== 'none' && fault.seg < usedSegments(v, p, s) && dispatch(fault)(scratch(v), s, IGNORE_EFFECTS);

  const commands: Command<V, Action>[] = [
    ...family<V, 's'>(
      'BackMap',
      { s: p.R },
      (v, { s }) => posted(v, s),
      (v, { s }, fx) => {
        if (f.insertBeforeMap) dispatchRequest38(v, p, s, fx);
        else dispatch(NO_FAULT)(v, s, fx);
      },
    ),
    ...family<V, 's' | 'c'>(
      'BackIo',
      { s: p.R, c: p.C },
      (v, { s }) => v.slot.get(s) === SlotSt.Mapped,
      (v, { s, c }) => {
        for (let i = 0; i < usedSegments(v, p, s); i++) {
          if (v.segKind.at(s).get(i) !== SegSt.None) Tlb.touch(v, c, v.segFrame.at(s).get(i));
        }
        v.slot.set(s, SlotSt.Done);
      },
    ),
    ...family<V, 's'>(
      'BackRespond',
      { s: p.R },
      (v, { s }) => v.slot.get(s) === SlotSt.Done,
      (v, { s }, fx) => {
        // xen_blkbk_unmap_prepare: put persistent segments, unmap the others; then one flush.
        const batch = new UnmapBatch(v, fx);
        const nodes: number[] = [];
        for (let i = 0; i < usedSegments(v, p, s); i++) {
          const g = v.segGref.at(s).get(i);
          const kind = v.segKind.at(s).get(i);
          if (kind === SegSt.Node) nodes.push(g);
          else if (kind === SegSt.Handle) batch.unmap(g);
        }
        if (f.insertBeforeMap) for (const g of new Set(nodes)) releaseIfUnused38(v, p, g, s);
        else for (const g of nodes) putNode(v, g);
        batch.close();
        for (let i = 0; i < p.S; i++) dropMapping(v, s, i);
        if (frontLive(v)) v.slot.set(s, SlotSt.Responded);
        else clearSlot(v, p, s);
      },
    ),
    ...family<V, never>(
      'BackDisconnect',
      {},
      (v) => v.be === XB.Closing && v.fe === XB.Closed && !busy(v, p),
      (v, _, fx) => {
        // xen_blkif_disconnect: free_persistent_gnts unmaps every node, then BUG_ON(in_use != 0).
        if (v.inUse !== 0) v.bug = true;
        const batch = new UnmapBatch(v, fx);
        for (let g = 0; g < p.G; g++) if (v.tree.get(g) !== TreeSt.Absent) removeNode(v, g, batch);
        batch.close();
        v.inUse = 0;
        v.be = XB.Closed;
      },
    ),
  ];

  if (p.NOMEM && !f.insertBeforeMap) {
    const faults = (kind: 'noPage' | 'p2m', name: string): Command<V, Action>[] =>
      family<V, 's' | 'i'>(
        name,
        { s: p.R, i: p.S },
        (v, { s, i }) => posted(v, s) && faultReached(v, s, { kind, seg: i }),
        (v, { s, i }, fx) => void dispatch({ kind, seg: i })(v, s, fx),
      );
    commands.push(...faults('noPage', 'BackMapNoPage'), ...faults('p2m', 'BackMapP2mNoMem'));
  }
  if (p.PURGE) {
    commands.push(
      ...family<V, 'g'>(
        'BackPurge',
        { g: p.G },
        (v, { g }) => v.be === XB.Connected && v.bePers && v.tree.get(g) === TreeSt.Idle,
        (v, { g }, fx) => {
          const batch = new UnmapBatch(v, fx);
          removeNode(v, g, batch);
          batch.close();
        },
      ),
    );
  }
  return commands;
}
