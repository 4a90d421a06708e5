/**
 * The frontend's I/O and teardown (digest §2.2, §2.6, §2.9): blkfront posts requests of
 * up to S segments taken from its pool, and on a response ends access to each grant
 * (a failed `gnttab_try_end_foreign_access` keeps the grant as persistent). A hostile
 * front may also post requests naming any grefs.
 */
import type { Action } from '../../src/model/action.js';
import { family } from '../../src/model/layoutModel.js';
import type { Command } from '../../src/model/model.js';
import { COMPLETED } from '../blkif/io.js';
import { GrantTable, GrantTableV2, type GrantTableV2View } from '../xen/hypervisor/grantTable.js';
import { XB } from '../xen/xenbus.js';
import { clearSlot, entryInFlight, frontLive, grefFree, usedSegments } from './helpers.js';
import type { SegParams } from './params.js';
import { FrameSt, NONE, SlotSt, type SegState as V } from './state.js';
import type { SegFeatures } from './variants.js';

type Choice = { readonly [k: string]: number };

/** `FrontSubmit(s, e0, g0, e1, g1, ...)`: segment i uses entry `ei` (P: no segment), granting it fresh gref `gi` (G: reuse its gref). */
export function submitKeys(p: SegParams): Record<string, number> {
  const keys: Record<string, number> = { s: p.R };
  for (let i = 0; i < p.S; i++) {
    keys[`e${i}`] = p.P + 1;
    keys[`g${i}`] = p.G + 1;
  }
  return keys;
}

/** `FrontSubmitRaw(s, g0, g1, ...)`: segment i names gref `gi` (G: no segment). */
export function rawKeys(p: SegParams): Record<string, number> {
  const keys: Record<string, number> = { s: p.R };
  for (let i = 0; i < p.S; i++) keys[`g${i}`] = p.G + 1;
  return keys;
}

/** `gnttab_try_end_foreign_access` in the grant-table version the model runs. */
export function tryEndAccess(v: V, g: number): boolean {
  return v.gtWithdrawn ? GrantTableV2.tryEndForeignAccess(v as V & GrantTableV2View, g) : GrantTable.tryEndForeignAccess(v, g);
}

export function frontCommands(p: SegParams, f: SegFeatures): Command<V, Action>[] {
  const poolLive = (v: V): boolean => v.fe === XB.Connected && v.pool;
  const slotIdle = (v: V, c: Choice): boolean => v.slot.get(c['s']!) === SlotSt.Idle;
  const submitGuards: Record<string, (v: V, c: Choice) => boolean> = { s: slotIdle };
  for (let i = 0; i < p.S; i++) {
    // Segments are a prefix; entries are distinct, in the pool and not in flight.
    submitGuards[`e${i}`] = (v, c) => {
      const e = c[`e${i}`]!;
      if (e === p.P) return i > 0;
      if (i > 0 && c[`e${i - 1}`] === p.P) return false;
      for (let j = 0; j < i; j++) if (c[`e${j}`] === e) return false;
      return v.frameSt.get(e) === FrameSt.Pool && !entryInFlight(v, p, e);
    };
    // An entry that holds a gref reuses it; one that does not takes a free one, distinct within the request.
    submitGuards[`g${i}`] = (v, c) => {
      const e = c[`e${i}`]!;
      const g = c[`g${i}`]!;
      if (e === p.P || v.entGref.get(e) !== NONE) return g === p.G;
      if (g === p.G || !grefFree(v, g)) return false;
      for (let j = 0; j < i; j++) if (c[`g${j}`] === g) return false;
      return true;
    };
  }
  const commands: Command<V, Action>[] = [
    ...family<V, string>('FrontSubmit', submitKeys(p), { when: poolLive, ...submitGuards }, (v, c) => {
      const s = c['s']!;
      for (let i = 0; i < p.S; i++) {
        const e = c[`e${i}`]!;
        if (e === p.P) break;
        const g = c[`g${i}`]!;
        if (g !== p.G) {
          GrantTable.grant(v, g, e);
          v.entGref.set(e, g);
        }
        v.segEnt.at(s).set(i, e);
        v.segGref.at(s).set(i, v.entGref.get(e));
      }
      v.slot.set(s, SlotSt.Posted);
    }),
    ...family<V, 's'>(
      'FrontComplete',
      { s: p.R },
      (v, { s }) => v.slot.get(s) === SlotSt.Responded && frontLive(v),
      (v, { s }, fx) => {
        for (let i = 0; i < usedSegments(v, p, s); i++) {
          const e = v.segEnt.at(s).get(i);
          const g = v.segGref.at(s).get(i);
          // A hostile segment has no entry; the front ends access only to grants it holds.
          if (e !== NONE && v.entGref.get(e) === g && tryEndAccess(v, g)) v.entGref.set(e, NONE);
        }
        clearSlot(v, p, s);
        fx.add(COMPLETED, 1);
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
            // gnttab_end_foreign_access: a grant still mapped is deferred with its page.
            v.frameSt.set(e, tryEndAccess(v, g) ? FrameSt.Private : FrameSt.Deferred);
            v.entGref.set(e, NONE);
          } else if (v.frameSt.get(e) === FrameSt.Pool) v.frameSt.set(e, FrameSt.Private);
        }
        for (let s = 0; s < p.R; s++) {
          const st = v.slot.get(s);
          if (st === SlotSt.Posted || st === SlotSt.Responded) clearSlot(v, p, s);
        }
        v.pool = false;
      },
    ),
  ];
  if (f.gnttabV2) {
    // The deferred-release timer. The reference's DeferredRelease looks for a permit,
    // which a failed v2 end-access has already withdrawn.
    commands.push(
      ...family<V, 'g'>(
        'DeferredRelease',
        { g: p.G },
        (v, { g }) => {
          if (grefFree(v, g) || v.pin.get(g) !== 0) return false;
          for (let e = 0; e < p.P; e++) if (v.entGref.get(e) === g) return false;
          return true;
        },
        (v, { g }) => {
          const frame = v.gtFrame.get(g);
          if (v.frameSt.get(frame) === FrameSt.Deferred) v.frameSt.set(frame, FrameSt.Private);
          GrantTableV2.clear(v as V & GrantTableV2View, g);
        },
      ),
    );
  }
  if (p.HOSTILE) {
    const rawGuards: Record<string, (v: V, c: Choice) => boolean> = { s: slotIdle };
    for (let i = 0; i < p.S; i++) {
      rawGuards[`g${i}`] = (_v, c) => (c[`g${i}`] === p.G ? i > 0 : i === 0 || c[`g${i - 1}`] !== p.G);
    }
    commands.push(
      ...family<V, string>('FrontSubmitRaw', rawKeys(p), { when: poolLive, ...rawGuards }, (v, c) => {
        const s = c['s']!;
        for (let i = 0; i < p.S && c[`g${i}`] !== p.G; i++) v.segGref.at(s).set(i, c[`g${i}`]!);
        v.slot.set(s, SlotSt.Posted);
      }),
    );
  }
  return commands;
}
