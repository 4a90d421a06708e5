/**
 * Connection lifecycle actions (reference page, "Connection lifecycle"; digest §1.1,
 * §2.1, §2.9, §2.10). Each is a guarded command on the whole state.
 */
import { IGNORE_EFFECTS } from '../../src/model/effects.js';
import { family } from '../../src/model/layoutModel.js';
import type { Command } from '../../src/model/model.js';
import type { Action } from '../../src/model/action.js';
import { GrantTable } from '../xen/hypervisor/grantTable.js';
import { Tlb } from '../xen/hypervisor/tlb.js';
import { XB } from '../xen/xenbus.js';
import { busy, clearSlot, closeUnmap, openUnmap, unmapNode } from './helpers.js';
import type { BlkifParams } from './params.js';
import { FrameSt, NONE, SlotSt, TreeSt, type BlkifState as V } from './state.js';
import type { Features } from './variants.js';

export function lifecycleCommands(p: BlkifParams, f: Features): Command<V, Action>[] {
  const feOneOf = (v: V, ...xs: number[]): boolean => xs.includes(v.fe);
  return [
    ...family<V, never>(
      'BackProbe',
      {},
      (v) => v.be === XB.Initialising,
      (v) => {
        v.be = XB.InitWait;
      },
    ),
    ...family<V, never>(
      'FrontInit',
      {},
      (v) => v.fe === XB.Initialising && v.be === XB.InitWait,
      (v) => {
        v.fe = XB.Initialised;
      },
    ),
    ...family<V, never>(
      'BackConnect',
      {},
      (v) => v.fe === XB.Initialised && v.be === XB.InitWait,
      (v) => {
        v.be = XB.Connected;
        // negotiation (B12a): the backend ignores the front's key.
        // uncached-advert (B12c): the front advertised 0, its field not yet cached.
        const frontKey = f.uncachedAdvert ? false : p.FP;
        v.bePers = f.negotiation ? p.BP : p.BP && frontKey;
      },
    ),
    ...family<V, never>(
      'FrontConnect',
      {},
      (v) => v.fe === XB.Initialised && v.be === XB.Connected,
      (v) => {
        v.fe = XB.Connected;
        v.fePers = f.uncachedAdvert ? false : p.FP && p.BP;
        v.pool = true;
        for (let e = 0; e < p.P; e++) if (v.frameSt.get(e) === FrameSt.Private) v.frameSt.set(e, FrameSt.Pool);
      },
    ),
    ...family<V, never>(
      'FrontClose',
      {},
      (v) => v.fe === XB.Connected,
      (v) => {
        v.fe = XB.Closing;
      },
    ),
    ...family<V, never>(
      'BackClose',
      {},
      (v) => v.be === XB.Connected,
      (v) => {
        v.be = XB.Closing;
      },
    ),
    ...family<V, never>(
      'FrontClosed',
      {},
      (v) => feOneOf(v, XB.Initialised, XB.Connected, XB.Closing) && v.be === XB.Closing,
      (v) => {
        v.fe = XB.Closed;
      },
    ),
    ...family<V, never>(
      'BackDisconnect',
      {},
      (v) =>
        v.be === XB.Closing &&
        (f.disconnectOnClosing ? feOneOf(v, XB.Closing, XB.Closed) : v.fe === XB.Closed) &&
        (f.closeBusy || f.teardownInflight || !busy(v, p)),
      (v, _, fx) => {
        if (f.closeBusy && busy(v, p)) {
          // close-busy: Closed is published while I/O is in flight; nothing is unmapped.
          v.be = XB.Closed;
          return;
        }
        // teardown-inflight: nodes are unmapped even while Active (in use by an in-flight request).
        const batch = openUnmap(v, f, fx);
        for (let g = 0; g < p.G; g++) if (v.tree.get(g) !== TreeSt.Absent) unmapNode(v, g, batch);
        closeUnmap(v, batch);
        if (batch.size === 0 && !f.lateFlush) {
          // The page flushes unconditionally; with no node there is nothing in any TLB
          // (tlbCoherent), so this changes no state and costs no hypercall.
          Tlb.flush(v, IGNORE_EFFECTS);
        }
        v.be = XB.Closed;
      },
    ),
    ...family<V, never>(
      'FrontFree',
      {},
      (v) => v.fe === XB.Closed && v.pool,
      (v) => {
        for (let e = 0; e < p.P; e++) {
          const g = v.entGref.get(e);
          if (g !== NONE) {
            if (v.pin.get(g) === 0) {
              GrantTable.clear(v, g);
              v.frameSt.set(e, FrameSt.Private);
            } else {
              // The grant cannot be revoked while mapped: the release is deferred and the
              // page kept alive (free-in-use, XSA-396: the page is freed anyway).
              v.frameSt.set(e, f.freeInUse ? FrameSt.Private : FrameSt.Deferred);
            }
            v.entGref.set(e, NONE);
          } else if (v.frameSt.get(e) === FrameSt.Pool) {
            v.frameSt.set(e, FrameSt.Private);
          }
          v.entSlot.set(e, NONE);
        }
        for (let s = 0; s < p.R; s++) {
          const st = v.slot.get(s);
          if (st === SlotSt.Posted || st === SlotSt.Responded) clearSlot(v, s);
        }
        v.pool = false;
      },
    ),
    ...family<V, 'g'>(
      'DeferredRelease',
      { g: p.G },
      (v, { g }) => {
        if (!v.gtPermit.get(g) || v.pin.get(g) !== 0) return false;
        for (let e = 0; e < p.P; e++) if (v.entGref.get(e) === g) return false;
        return true;
      },
      (v, { g }) => {
        const frame = v.gtFrame.get(g);
        if (v.frameSt.get(frame) === FrameSt.Deferred) v.frameSt.set(frame, FrameSt.Private);
        GrantTable.clear(v, g);
      },
    ),
    ...family<V, never>(
      'FrontReinit',
      {},
      (v) => v.fe === XB.Closed && !v.pool && v.be === XB.Closed,
      (v) => {
        v.fe = XB.Initialising;
        v.fePers = false;
      },
    ),
    ...family<V, never>(
      'BackReprobe',
      {},
      (v) => v.be === XB.Closed && v.fe === XB.Initialising,
      (v) => {
        v.be = XB.InitWait;
        v.bePers = false;
      },
    ),
  ];
}
