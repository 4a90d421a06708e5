import { describe, expect, it } from 'vitest';
import type { Model } from '../model/model.js';
import { actionProperty, always } from '../model/property.js';
import { GntcheckError } from '../util/errors.js';
import { check } from './check.js';

/**
 * Models that break the determinism contract. The run re-expands only a sample of
 * states (`sampledForDeterminism`: the first 32, then one in 16,381), so these put the nondeterminism beyond the
 * sample, at state ids 40-60 of a chain: what must catch them is that a trace is only
 * reported once it replays and shows its property.
 */

type N = { readonly n: number };
type Step = { readonly type: 'Step' } | { readonly type: 'Jump' };

function chain(name: string, next: (n: number) => number, properties: Model<N, Step>['properties'], actions?: (n: number) => Step[]): Model<N, Step> {
  return {
    name,
    initStates: () => [{ n: 0 }],
    actions: (s) => (actions ? actions(s.n) : s.n < 99 ? [{ type: 'Step' }] : []),
    nextState: (s) => ({ n: next(s.n) }),
    properties,
    actionTypes: ['Step', 'Jump'],
  };
}

function errorOf(f: () => unknown): GntcheckError {
  try {
    f();
  } catch (err) {
    if (err instanceof GntcheckError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('a model nondeterministic beyond the sampled states', () => {
  it('a successor that alternates: the invariant counterexample does not replay', () => {
    let flips = 0;
    const m = chain('alternating', (n) => (n === 50 ? (flips++ % 2 ? 52 : 51) : n + 1), [always<N>('below99', (s) => s.n < 99)]);
    const e = errorOf(() => check(m));
    expect(e.code).toBe('NONDETERMINISTIC_MODEL');
    expect(e.message).toMatch(/^alternating: /);
  });

  it('a jump taken once: the action-property counterexample replays but shows nothing', () => {
    let calls = 0;
    const m = chain('jumps once', (n) => n + (n === 40 && calls++ === 0 ? 2 : 1), [
      actionProperty<N, Step>('noJump', (pre, _a, post) => post.n === pre.n + 1),
    ]);
    const e = errorOf(() => check(m, { deadlock: false }));
    expect(e.code).toBe('NONDETERMINISTIC_MODEL');
    expect(e.message).toBe(
      'jumps once: the counterexample to noJump replays but does not violate noJump at its end: the model gave different actions or successors for the same state',
    );
  });

  it('actions listed in a different order on a later call: NONDETERMINISTIC_MODEL, not a crash', () => {
    let calls = 0;
    const m: Model<N, Step> = {
      name: 'reordered',
      initStates: () => [{ n: 0 }],
      actions: (s) => {
        if (s.n === 60) return calls++ % 2 ? [{ type: 'Step' }, { type: 'Jump' }] : [{ type: 'Jump' }, { type: 'Step' }];
        return s.n < 99 ? [{ type: 'Step' }] : [];
      },
      nextState: (s, a) => ({ n: a.type === 'Jump' ? 200 : s.n + 1 }),
      properties: [always<N>('never200', (s) => s.n !== 200)],
      actionTypes: ['Step', 'Jump'],
    };
    expect(errorOf(() => check(m)).code).toBe('NONDETERMINISTIC_MODEL');
  });

  it('the same runs without the fault report the expected counterexamples', () => {
    const r = check(chain('steady', (n) => n + 1, [always<N>('below99', (s) => s.n < 99)]), { deadlock: false });
    expect(r.status === 'violation' && r.violations.map((v) => [v.property, v.length])).toEqual([['below99', 99]]);
  });
});

describe('a model nondeterministic within the sampled states', () => {
  it('names the state, the slot and both successors as snapshots', () => {
    let flips = 0;
    const m = chain('flaky', (n) => (n === 5 ? (flips++ % 2 ? 7 : 6) : n + 1), [always<N>('below99', (s) => s.n < 99)]);
    const e = errorOf(() => check(m, { deadlock: false }));
    expect(e.code).toBe('NONDETERMINISTIC_MODEL');
    expect(e.message).toMatch(/^flaky: state #5, action slot 0: two calls gave different results \({"type":"Step"} -> {"n":(6|7)} vs {"type":"Step"} -> {"n":(6|7)}\)$/);
  });
});
