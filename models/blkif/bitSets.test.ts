/**
 * The blkif invariants and helpers have two forms: bit sets of grefs and slots (used when
 * G and R fit in 32 bits) and loops over the elements. Checked here to decide the same on
 * every reachable state of the reference and of the variants with extra state, and the
 * bit-set helpers (the guards' shared tests among them) against element-by-element answers.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/explore/check.js';
import { always, type StateProperty } from '../../src/model/property.js';
import { anyReleasable, anySlotIn, busy, inFlight, mappedFrames, mapsFrame, treeSize, unmappedAmong } from './helpers.js';
import { blkifModel } from './model.js';
import type { BlkifParams } from './params.js';
import { blkifProperties } from './properties.js';
import { SlotSt, TreeSt, type BlkifState as V } from './state.js';
import { featuresOf, type BlkifVariant } from './variants.js';

const DEFAULT: BlkifParams = { P: 2, G: 3, R: 2, C: 2, MAXP: 2, FP: true, BP: true };

function invariants(p: BlkifParams, variant: BlkifVariant | null, bitSets: boolean): StateProperty<V>[] {
  return blkifProperties(p, featuresOf(variant), bitSets).filter((q): q is StateProperty<V> => q.kind !== 'action');
}

/** Which state properties hold on `v`, and the helpers' answers against element-by-element ones. */
function disagreements(p: BlkifParams, masks: StateProperty<V>[], loops: StateProperty<V>[], v: V): string[] {
  const out: string[] = [];
  masks.forEach((m, i) => {
    if (m.check(v) !== loops[i]!.check(v)) out.push(m.name);
  });
  let frames = 0;
  for (let f = 0; f < p.P; f++) if (mapsFrame(v, p, f)) frames |= 1 << f;
  if (mappedFrames(v, p) !== frames) out.push('mappedFrames');
  let nodes = 0;
  for (let g = 0; g < p.G; g++) if (v.tree.get(g) !== TreeSt.Absent) nodes++;
  if (treeSize(v, p) !== nodes) out.push('treeSize');
  if (busy(v, p) !== Array.from({ length: p.R }, (_, s) => inFlight(v, s)).some(Boolean)) out.push('busy');
  for (let some = 0; some < 1 << p.P; some++) if (unmappedAmong(v, p, some) !== (some & ~frames)) out.push('unmappedAmong');
  for (let st = 0; st < SlotSt.names.length; st++) {
    if (anySlotIn(v, p, st) !== Array.from({ length: p.R }, (_, s) => v.slot.get(s) === st).some(Boolean)) out.push('anySlotIn');
  }
  const releasable = Array.from({ length: p.G }, (_, g) => v.gtPermit.get(g) && v.pin.get(g) === 0).some(
    (free, g) => free && Array.from({ length: p.P }, (_, e) => v.entGref.get(e)).every((held) => held !== g),
  );
  if (anyReleasable(v, p) !== releasable) out.push('anyReleasable');
  return out;
}

describe('bit-set and element-loop forms of the blkif invariants agree', () => {
  it.each([
    [null, DEFAULT, 24_322],
    [null, { ...DEFAULT, FP: false, BP: false }, 4_364],
    ['rogue-backend', DEFAULT, 92_698],
    ['xsa396-query', { ...DEFAULT, R: 1 }, 20_854],
    ['flush-after-unpin', DEFAULT, 90_808],
    ['free-in-use', DEFAULT, 69_598],
  ] as const)('%s', (variant, p, states) => {
    const model = blkifModel(p, variant as BlkifVariant | null);
    const masks = invariants(p, variant, true);
    const loops = invariants(p, variant, false);
    expect(masks.map((q) => q.name)).toEqual(loops.map((q) => q.name));
    const seen = new Set<string>();
    const agree = always<V>('formsAgree', (v) => {
      for (const name of disagreements(p, masks, loops, v)) seen.add(name);
      return seen.size === 0;
    });
    const result = check({ ...model, properties: [agree] });
    expect(result.complete).toBe(true);
    expect(result.stats.states).toBe(states);
    expect([...seen]).toEqual([]);
  });
});
