/**
 * I/O actions (reference page, "I/O"; digest §2.2-2.6), plus the actions only some
 * variants have (LruPurge, rogue mappings, split revoke, late flush).
 */
import type { Action } from '../../src/model/action.js';
import { family } from '../../src/model/layoutModel.js';
import type { Command } from '../../src/model/model.js';
import { GrantTable } from '../xen/hypervisor/grantTable.js';
import { Tlb } from '../xen/hypervisor/tlb.js';
import { XB } from '../xen/xenbus.js';
import { anySlotIn, clearSlot, closeUnmap, openUnmap, small, treeSize, unmapNode } from './helpers.js';
import type { BlkifParams } from './params.js';
import { FrameSt, NONE, SlotSt, TreeSt, type BlkifState as V } from './state.js';
import type { Features } from './variants.js';

/** Effect counted once per completed request, the denominator of per-I/O costs. */
export const COMPLETED = 'completedRequests';

export function ioCommands(p: BlkifParams, f: Features): Command<V, Action>[] {
  // A submission needs a live pool, an unused pool entry and an idle ring slot; the
  // guards are given per parameter so the checker tests each part once per state.
  const poolLive = (v: V): boolean => v.fe === XB.Connected && v.pool;
  const entryFree = (v: V, e: number): boolean => v.frameSt.get(e) === FrameSt.Pool && v.entSlot.get(e) === NONE;
  const slotIdle = (v: V, s: number): boolean => v.slot.get(s) === SlotSt.Idle;
  const post = (v: V, e: number, s: number): void => {
    v.entSlot.set(e, s);
    v.slot.set(s, SlotSt.Posted);
    v.slotGref.set(s, v.entGref.get(e));
    v.slotEnt.set(s, e);
  };
  // Whether some entry and slot (and, to grant, some gref) are free for a submission, as
  // bit sets: each submission family tests this once per state before each entry.
  const freeEntries = (v: V): number => v.frameSt.maskOf(FrameSt.Pool) & v.entSlot.maskOf(NONE);
  const canReuse = (v: V): boolean => (freeEntries(v) & ~v.entGref.maskOf(NONE)) !== 0 && anySlotIn(v, p, SlotSt.Idle);
  const canGrant = (v: V): boolean =>
    (freeEntries(v) & v.entGref.maskOf(NONE)) !== 0 && anySlotIn(v, p, SlotSt.Idle) && v.gtPermit.maskOf(false) !== 0;
  /** The submission families' shared first test, then their own (bit sets need small(p)). */
  const submitWhen = (own: (v: V) => boolean): readonly ((v: V) => boolean)[] => (small(p) ? [poolLive, own] : [poolLive]);
  const frontLive = (v: V): boolean => (v.fe === XB.Connected || v.fe === XB.Closing) && v.pool;

  /** FrontComplete's revoke decision, shared by the atomic and the split (xsa396-query) forms. */
  const complete = (v: V, s: number, revoke: boolean, fx: Parameters<Command<V, Action>['apply']>[1]): void => {
    const e = v.slotEnt.get(s);
    const g = v.slotGref.get(s);
    if (revoke) {
      GrantTable.clear(v, g);
      v.entGref.set(e, NONE);
    }
    v.entSlot.set(e, NONE);
    clearSlot(v, s);
    fx.add(COMPLETED, 1);
  };

  const commands: Command<V, Action>[] = [
    ...family<V, 'e' | 's'>(
      'FrontSubmitReuse',
      { e: p.P, s: p.R },
      {
        when: submitWhen(canReuse),
        e: (v, { e }) => entryFree(v, e) && v.entGref.get(e) !== NONE,
        s: (v, { s }) => slotIdle(v, s),
      },
      (v, { e, s }) => post(v, e, s),
    ),
    ...family<V, 'e' | 's' | 'g'>(
      'FrontSubmitGrant',
      { e: p.P, s: p.R, g: p.G },
      {
        when: submitWhen(canGrant),
        e: (v, { e }) => entryFree(v, e) && v.entGref.get(e) === NONE,
        s: (v, { s }) => slotIdle(v, s),
        g: (v, { g }) => !v.gtPermit.get(g),
      },
      (v, { e, s, g }) => {
        GrantTable.grant(v, g, e);
        v.entGref.set(e, g);
        post(v, e, s);
      },
    ),
    ...family<V, 's'>(
      'BackMap',
      { s: p.R },
      { when: (v) => v.be === XB.Connected && anySlotIn(v, p, SlotSt.Posted), s: (v, { s }) => v.slot.get(s) === SlotSt.Posted },
      (v, { s }, fx) => {
        const g = v.slotGref.get(s);
        if (v.bePers && v.tree.get(g) === TreeSt.Idle) {
          // Reuse a persistent grant: a tree lookup, no hypercall.
          v.tree.set(g, TreeSt.Active);
          v.slotFrame.set(s, v.treeFrame.get(g));
          v.slotPers.set(s, true);
          v.slot.set(s, SlotSt.Mapped);
          return;
        }
        const frame = GrantTable.map(v, g, fx);
        if (frame < 0) {
          // The map fails: error response, nothing mapped.
          v.slot.set(s, SlotSt.Responded);
          v.slotFrame.set(s, 0);
          v.slotPers.set(s, false);
          return;
        }
        v.slotFrame.set(s, frame);
        v.slot.set(s, SlotSt.Mapped);
        if (v.bePers && v.tree.get(g) === TreeSt.Absent && treeSize(v, p) < p.MAXP) {
          v.tree.set(g, TreeSt.Active);
          v.treeFrame.set(g, frame);
          v.slotPers.set(s, true);
        } else {
          v.slotPers.set(s, false);
        }
      },
    ),
    ...family<V, 's' | 'c'>(
      'BackIo',
      { s: p.R, c: p.C },
      { when: (v) => anySlotIn(v, p, SlotSt.Mapped), s: (v, { s }) => v.slot.get(s) === SlotSt.Mapped },
      (v, { s, c }) => {
        Tlb.touch(v, c, v.slotFrame.get(s));
        v.slot.set(s, SlotSt.Done);
      },
    ),
    ...family<V, 's'>(
      'BackRespond',
      { s: p.R },
      { when: (v) => anySlotIn(v, p, SlotSt.Done), s: (v, { s }) => v.slot.get(s) === SlotSt.Done },
      (v, { s }, fx) => {
        const g = v.slotGref.get(s);
        if (v.slotPers.get(s)) {
          // The mapping stays. (teardown-inflight: the node may have been freed under us.)
          if (!(f.teardownInflight && v.tree.get(g) === TreeSt.Absent)) v.tree.set(g, TreeSt.Idle);
        } else {
          const batch = openUnmap(v, f, fx);
          batch.unmap(g);
          closeUnmap(v, batch);
        }
        v.slotFrame.set(s, 0);
        v.slotPers.set(s, false);
        if (frontLive(v)) v.slot.set(s, SlotSt.Responded);
        else clearSlot(v, s);
      },
    ),
  ];

  if (!f.splitRevoke) {
    commands.push(
      ...family<V, 's'>(
        'FrontComplete',
        { s: p.R },
        { when: (v) => frontLive(v) && anySlotIn(v, p, SlotSt.Responded), s: (v, { s }) => v.slot.get(s) === SlotSt.Responded },
        (v, { s }, fx) => complete(v, s, v.pin.get(v.slotGref.get(s)) === 0, fx),
      ),
    );
  } else {
    // xsa396-query: gnttab_query_foreign_access, then (a separate step) an end-access
    // whose failure is ignored: the entry is treated as revoked either way.
    commands.push(
      ...family<V, 's'>(
        'FrontQuery',
        { s: p.R },
        (v, { s }) => v.slot.get(s) === SlotSt.Responded && !v.slotQueried!.get(s) && frontLive(v),
        (v, { s }, fx) => {
          if (v.pin.get(v.slotGref.get(s)) === 0) v.slotQueried!.set(s, true);
          else complete(v, s, false, fx); // still mapped: keep it as a persistent grant
        },
      ),
      ...family<V, 's'>(
        'FrontEndAccess',
        { s: p.R },
        (v, { s }) => v.slot.get(s) === SlotSt.Responded && v.slotQueried!.get(s) && frontLive(v),
        (v, { s }, fx) => {
          const g = v.slotGref.get(s);
          const e = v.slotEnt.get(s);
          if (!GrantTable.tryEndForeignAccess(v, g)) {
            // The revoke failed (mapped in between) but the front forgets the gref anyway.
            v.entGref.set(e, NONE);
            v.entSlot.set(e, NONE);
            clearSlot(v, s);
            fx.add(COMPLETED, 1);
            return;
          }
          complete(v, s, true, fx);
        },
      ),
    );
  }

  if (f.lru) {
    commands.push(
      ...family<V, 'g'>(
        'LruPurge',
        { g: p.G },
        (v, { g }) => v.be === XB.Connected && v.bePers && v.tree.get(g) === TreeSt.Idle,
        (v, { g }, fx) => {
          const batch = openUnmap(v, f, fx);
          unmapNode(v, g, batch);
          closeUnmap(v, batch);
        },
      ),
    );
  }
  if (f.rogueBackend) {
    commands.push(
      ...family<V, 'g'>(
        'BackRogueMap',
        { g: p.G },
        (v, { g }) => v.be === XB.Connected && v.gtPermit.get(g) && !v.rogueMap!.get(g),
        (v, { g }, fx) => {
          const frame = GrantTable.map(v, g, fx);
          v.rogueMap!.set(g, true);
          v.rogueFrame!.set(g, frame);
        },
      ),
    );
  }
  if (f.lateFlush) {
    commands.push(
      ...family<V, never>(
        'HvFlush',
        {},
        (v) => v.flushPending === true,
        (v, _, fx) => {
          Tlb.flush(v, fx);
          v.flushPending = false;
        },
      ),
    );
  }
  return commands;
}
