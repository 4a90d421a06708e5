/**
 * The README's "Readings where the page leaves room", checked: each place where an
 * implementation of the reference page could read it differently either cannot arise
 * or reaches the same states. Run on the reference and the page's four variants.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/explore/check.js';
import type { Action } from '../../src/model/action.js';
import { actionProperty, always } from '../../src/model/property.js';
import { Tlb } from '../xen/hypervisor/tlb.js';
import { XB } from '../xen/xenbus.js';
import { busy, treeSize } from './helpers.js';
import { blkifModel } from './model.js';
import type { BlkifParams } from './params.js';
import { SlotSt, type BlkifState as V } from './state.js';
import type { BlkifVariant } from './variants.js';

const DEFAULT: BlkifParams = { P: 2, G: 3, R: 2, C: 2, MAXP: 2, FP: true, BP: true };

function readings(p: BlkifParams, same: (a: V, b: V) => boolean) {
  return [
    // BackMap's "else if ¬gtPermit[g]: the map fails" branch.
    always<V>('postedGrefPermitted', (v) => {
      for (let s = 0; s < p.R; s++) if (v.slot.get(s) === SlotSt.Posted && !v.gtPermit.get(v.slotGref.get(s))) return false;
      return true;
    }),
    // BackDisconnect's "then flush" when there was no node to unmap.
    actionProperty<V, Action>(
      'disconnectFlushChangesNothing',
      (pre, a) => a.type !== 'BackDisconnect' || treeSize(pre, p) > 0 || busy(pre, p) || Tlb.empty(pre),
    ),
    // unmapOnlyOnDisconnect's "while bePers ∧ be = Connected": the pre-state or the post-state.
    actionProperty<V, Action>('unmapKeepsConnection', (pre, _a, post) => {
      let unmaps = false;
      for (let g = 0; g < p.G; g++) if (post.pin.get(g) < pre.pin.get(g)) unmaps = true;
      return !unmaps || (pre.bePers === post.bePers && (pre.be === XB.Connected) === (post.be === XB.Connected));
    }),
    // "an action whose effect changes nothing is still a transition".
    actionProperty<V, Action>('noSelfLoop', (pre, _a, post) => !same(pre, post)),
  ];
}

describe('where the reference page leaves room, the readings cannot differ', () => {
  it.each([
    [null, DEFAULT, 24_322],
    ['lru', DEFAULT, 39_316],
    ['free-in-use', DEFAULT, 69_598],
    ['close-busy', DEFAULT, 87_586],
    ['negotiation', { ...DEFAULT, FP: false }, 24_296],
  ] as const)('%s', (variant, p, states) => {
    const model = blkifModel(p, variant as BlkifVariant | null);
    const layout = model.packed!.layout;
    const init = model.initStates()[0]!;
    // noSelfLoop can fail: equal views are equal, a step's successor is not.
    expect([layout.equals(init, layout.clone(init)), layout.equals(init, model.nextState(init, { type: 'BackProbe' }))]).toEqual([true, false]);
    const extra = readings(p, (a, b) => layout.equals(a, b));
    const result = check({ ...model, properties: [...model.properties, ...extra] });
    expect(result.complete).toBe(true);
    expect(result.stats.states).toBe(states);
    const status = Object.fromEntries(result.properties.filter((o) => extra.some((e) => e.name === o.name)).map((o) => [o.name, o.status]));
    expect(status).toEqual({
      postedGrefPermitted: 'held',
      disconnectFlushChangesNothing: 'held',
      unmapKeepsConnection: 'held',
      noSelfLoop: 'held',
    });
  });
});
