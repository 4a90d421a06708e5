import { describe, expect, it } from 'vitest';
import type { Model } from '../model/model.js';
import { always } from '../model/property.js';
import { replayTrace } from './replay.js';
import type { Trace } from './trace.js';

type S = { readonly n: number };
const counter = (check: (s: S) => boolean): Model<S, { type: 'Inc' }> => ({
  name: 'counter',
  initStates: () => [{ n: 0 }],
  actions: (s) => (s.n < 3 ? [{ type: 'Inc' }] : []),
  nextState: (s) => ({ n: s.n + 1 }),
  properties: [always<S>('small', check)],
});
const trace: Trace = {
  origin: { model: 'counter', params: {}, variant: null },
  property: 'small',
  kind: 'always',
  path: '0/0/0',
  steps: [
    { action: null, label: null, actor: null, state: { n: 0 } },
    { action: { type: 'Inc' }, label: 'Inc', actor: null, state: { n: 1 } },
    { action: { type: 'Inc' }, label: 'Inc', actor: null, state: { n: 2 } },
  ],
};

describe('replayTrace', () => {
  it('replays a trace and says whether its property still fails at the end', () => {
    expect(replayTrace(counter((s) => s.n < 2), trace)).toEqual({
      ok: true,
      steps: 2,
      propertyReproduced: true,
      message: 'trace replays: 2 steps; small is violated at the end',
    });
    expect(replayTrace(counter(() => true), trace)).toMatchObject({ ok: true, propertyReproduced: false });
  });

  it('a property that throws on the last state is PROPERTY_THREW, not a crash', () => {
    const throwing = counter(() => {
      throw new Error('cannot judge');
    });
    expect(() => replayTrace(throwing, trace)).toThrow(expect.objectContaining({ code: 'PROPERTY_THREW', message: "property small threw on the trace's last state: cannot judge" }));
  });
});
