import { describe, expect, it } from 'vitest';
import { check } from '../../src/explore/check.js';
import { violationsOf } from '../../src/explore/result.js';
import { twoPhaseModel } from './twoPhase.js';

describe('two-phase commit matches the published state counts', () => {
  it.each([
    [1, 12],
    [3, 288],
    [5, 8832],
    [7, 296448],
  ])('RM=%i: %i distinct states, all properties hold', (rm, states) => {
    const r = check(twoPhaseModel(rm));
    expect(r.status).toBe('ok');
    expect(r.stats.states).toBe(states);
  });

  it('DFS and the fingerprint store find the same 8,832 states for RM=5', () => {
    expect(check(twoPhaseModel(5), { strategy: 'dfs' }).stats.states).toBe(8832);
    expect(check(twoPhaseModel(5), { store: 'fingerprint' }).stats.states).toBe(8832);
  });

  it('reaches commit in 2*RM+4 steps and abort in RM', () => {
    const r = check(twoPhaseModel(3));
    const len = (p: string): number | null => r.properties.find((q) => q.name === p)!.length;
    expect(len('allCommitted')).toBe(10);
    expect(len('allAborted')).toBe(3);
    expect(r.stats.transitions).toBe(1145);
    expect(violationsOf(r)).toEqual([]);
  });
});

describe('symmetry reduction for two-phase commit', () => {
  it('explores exactly one state per symmetry class', () => {
    for (const rm of [3, 5]) {
      // Brute force: canonicalise every state of the full space and count the classes.
      const model = twoPhaseModel(rm);
      const layout = model.packed!.layout;
      const classes = new Set<string>();
      const full = check(model);
      const seen = new Set<string>();
      const stack = model.initStates().map((s) => layout.clone(s));
      while (stack.length) {
        const s = stack.pop()!;
        const key = Array.from(layout.buffer(s)).join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        const c = layout.clone(s);
        model.packed!.canonicalize!(c);
        classes.add(Array.from(layout.buffer(c)).join(','));
        for (const a of model.actions(s)) stack.push(model.nextState(s, a));
      }
      expect(seen.size).toBe(full.stats.states);
      const reduced = check(model, { symmetry: true });
      expect(reduced.stats.states).toBe(classes.size);
    }
  });

  it('is 314 classes for RM=5 (stateright pins 665 with a coarser, non-canonical representative)', () => {
    expect(check(twoPhaseModel(5), { symmetry: true }).stats.states).toBe(314);
  });
});
