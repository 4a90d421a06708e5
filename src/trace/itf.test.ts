import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, type JsonValue } from '../util/json.js';
import { fromItf, toItf } from './itf.js';
import type { Trace } from './trace.js';

const scalar = fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.boolean(), fc.string({ maxLength: 5 }));
const valueArb: fc.Arbitrary<JsonValue> = fc.letrec<{ v: JsonValue }>((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('v'), { maxKeys: 3 })),
})).v;
const stateArb = fc.dictionary(fc.constantFrom('fe', 'be', 'pin', 'slots'), valueArb, { minKeys: 1, maxKeys: 4 });

const traceArb: fc.Arbitrary<Trace> = fc
  .tuple(stateArb, fc.array(fc.tuple(fc.constantFrom('BackMap', 'FrontFree'), fc.nat(3), stateArb), { maxLength: 5 }))
  .map(([first, rest]) => ({
    origin: { model: 'blkif', params: { P: 2, FP: true }, variant: null },
    property: 'noGrefAlias',
    kind: 'always' as const,
    path: '0/1/2',
    steps: [
      { action: null, label: null, actor: null, state: first },
      ...rest.map(([type, s, state]) => ({ action: { type, s }, label: `${type}(s=${s})`, actor: 'backend', state })),
    ],
  }));

describe('ITF traces', () => {
  it('encode then decode gives the same trace, through JSON text', () => {
    fc.assert(
      fc.property(traceArb, (trace) => {
        const back = fromItf(JSON.parse(JSON.stringify(toItf(trace))));
        expect(back).toEqual(trace);
      }),
    );
  });

  it('integers are written as #bigint, as ITF requires', () => {
    const itf = toItf({
      origin: { model: 'm', params: {}, variant: null },
      property: 'p',
      kind: 'always',
      path: '0',
      steps: [{ action: null, label: null, actor: null, state: { n: 3, xs: [1, true] } }],
    });
    expect((itf['states'] as JsonValue[])[0]).toEqual({ '#meta': { index: 0 }, n: { '#bigint': '3' }, xs: [{ '#bigint': '1' }, true] });
  });

  it('rejects files that are not gntcheck traces, naming the problem', () => {
    expect(() => fromItf({ vars: [], states: [] })).toThrow(/no #meta.gntcheck/);
    expect(() => fromItf({ '#meta': { gntcheck: { version: 99, model: 'm', kind: 'always' } }, states: [{}] })).toThrow(/version 99/);
  });
});

describe('canonical JSON', () => {
  it('does not depend on key insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), valueArb), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });

  it('orders Set and Map entries', () => {
    expect(canonicalJson(new Set([3, 1, 2]))).toBe(canonicalJson(new Set([2, 3, 1])));
    expect(canonicalJson(new Map([['b', 1], ['a', 2]]))).toBe(canonicalJson(new Map([['a', 2], ['b', 1]])));
  });
});
