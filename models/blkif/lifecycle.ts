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
import { anyReleasable, busy, clearSlot, closeUnmap, openUnmap, releasable, unmapNode } from './helpers.js';
import type { BlkifParams } from './params.js';
import { FrameSt, NONE, SlotSt, TreeSt, type BlkifState as V } from './state.js';
import type { Features } from './variants.js';

export function lifecycleCommands(p: BlkifParams, f: Features): Command<V, Action>[] {
  // Guards run on every state: plain comparisons, cheapest first. (A helper taking the
  // states as a rest parameter allocated an array per call, 37 bytes per state.)
  const frontClosable = (fe: number): boolean => fe === XB.Initialised || fe === XB.Connected || fe === XB.Closing;
  // Each side's feature_persistent module parameter as it reads it now: a constant of the
  // run, or (param-change, stale-persistent) what the administrator last set.
  const frontParam = (v: V): boolean => (f.paramChange ? v.fpNow! : p.FP);
  const backParam = (v: V): boolean => (f.paramChange ? v.bpNow! : p.BP);
  const commands: Command<V, Action>[] = [
    ...family<V, never>(
      'BackProbe',
      {},
      (v) => v.be === XB.Initialising,
      (v) => {
        v.be = XB.InitWait;
        // stale-persistent: xen_blkif_alloc sets vbd.feature_gnt_persistent from the parameter, once.
        if (f.stalePersistent) v.bePers = backParam(v);
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
        // The front's key, written at FrontInit. uncached-advert (B12c): 0, its field not
        // yet cached. stale-persistent: its feature variable. Otherwise its parameter, which
        // cannot have changed since (it changes only while the front is Closed).
        const frontKey = f.uncachedAdvert ? false : f.stalePersistent ? v.fePers : frontParam(v);
        // negotiation (B12a): the backend ignores the front's key. stale-persistent (B12b):
        // connect_ring's `if (feature_gnt_persistent) feature_gnt_persistent = key`, which
        // never re-reads the parameter, so once off the feature stays off.
        if (f.stalePersistent) v.bePers = v.bePers && frontKey;
        else v.bePers = f.negotiation ? backParam(v) : backParam(v) && frontKey;
      },
    ),
    ...family<V, never>(
      'FrontConnect',
      {},
      (v) => v.fe === XB.Initialised && v.be === XB.Connected,
      (v) => {
        v.fe = XB.Connected;
        // The back's key, written at BackConnect: its parameter, unchanged while it is
        // Connected; stale-persistent's backend wrote its feature variable (the negotiated value).
        const backKey = f.stalePersistent ? v.bePers : backParam(v);
        // stale-persistent (B12b): blkfront_gather_backend_features' `if (info->feature_persistent)
        // info->feature_persistent = key`, without re-reading the parameter.
        v.fePers = f.uncachedAdvert ? false : (f.stalePersistent ? v.fePers : frontParam(v)) && backKey;
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
      (v) => v.be === XB.Closing && frontClosable(v.fe),
      (v) => {
        v.fe = XB.Closed;
      },
    ),
    ...family<V, never>(
      'BackDisconnect',
      {},
      (v) =>
        v.be === XB.Closing &&
        (f.disconnectOnClosing ? v.fe === XB.Closing || v.fe === XB.Closed : v.fe === XB.Closed) &&
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
      {
        when: (v) => anyReleasable(v, p),
        g: (v, { g }) => releasable(v, p, g),
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
        // stale-persistent: the feature variable outlives the connection (it is per device).
        if (!f.stalePersistent) v.fePers = false;
      },
    ),
    ...family<V, never>(
      'BackReprobe',
      {},
      (v) => v.be === XB.Closed && v.fe === XB.Initialising,
      (v) => {
        v.be = XB.InitWait;
        if (!f.stalePersistent) v.bePers = false;
      },
    ),
  ];
  if (f.paramChange) commands.push(...paramCommands());
  return commands;
}

/**
 * The administrator writes a side's sysfs feature_persistent (0644) while that side is
 * Closed, i.e. between two of its connections. The fixed drivers read the parameter only
 * while connecting (the front at FrontInit, talk_to_blkback, caching it for FrontConnect;
 * the back at BackConnect, connect_ring and connect), so a write at any other time acts as
 * one made later, before the next read, and a write before the first connection as another
 * FP or BP: limiting writes to Closed loses no behaviour of the fixed drivers and keeps the
 * parameter fixed for the whole of a connection. (The buggy drivers also ignore a write
 * made between probe and the first connect; that shorter failure is left out, so that the
 * counterexample is the reconnect the digest describes.)
 */
function paramCommands(): Command<V, Action>[] {
  return [
    ...family<V, never>(
      'FrontSetParam',
      {},
      (v) => v.fe === XB.Closed,
      (v) => {
        v.fpNow = !v.fpNow;
      },
    ),
    ...family<V, never>(
      'BackSetParam',
      {},
      (v) => v.be === XB.Closed,
      (v) => {
        v.bpNow = !v.bpNow;
      },
    ),
  ];
}
