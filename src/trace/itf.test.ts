import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, toJsonValue, type JsonValue } from '../util/json.js';
import { fromItf, toItf } from './itf.js';
import { renderTraceText } from './text.js';
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

  it('Sets, Maps and big integers of plain models are ITF #set, #map and #bigint, and read back', () => {
    const state = toJsonValue({ held: new Set([3, 1]), owner: new Map([['b', 2], ['a', 1]]), big: 2n ** 64n, small: 7n, gone: undefined });
    expect(state).toEqual({ held: { '#set': [1, 3] }, owner: { '#map': [['a', 1], ['b', 2]] }, big: { '#bigint': '18446744073709551616' }, small: 7 });
    const trace: Trace = {
      origin: { model: 'm', params: {}, variant: null },
      property: 'p',
      kind: 'always',
      path: '0',
      steps: [{ action: null, label: null, actor: null, state }],
    };
    const itf = toItf(trace);
    expect((itf['states'] as JsonValue[])[0]).toEqual({
      '#meta': { index: 0 },
      held: { '#set': [{ '#bigint': '1' }, { '#bigint': '3' }] },
      owner: { '#map': [['a', { '#bigint': '1' }], ['b', { '#bigint': '2' }]] },
      big: { '#bigint': '18446744073709551616' },
      small: { '#bigint': '7' },
    });
    expect(fromItf(JSON.parse(JSON.stringify(itf)))).toEqual(trace);
  });

  it('the text trace shows a changed set or map whole', () => {
    const state = (held: number[], owner: [string, number][]): JsonValue => toJsonValue({ held: new Set(held), owner: new Map(owner) });
    const text = renderTraceText({
      origin: { model: 'm', params: {}, variant: null },
      property: 'p',
      kind: 'always',
      path: '0/0',
      steps: [
        { action: null, label: null, actor: null, state: state([2], [['b', 2]]) },
        { action: { type: 'Take' }, label: 'Take', actor: null, state: state([1, 2], [['b', 2], ['a', 1]]) },
      ],
    });
    expect(text.split('\n').slice(2, 7)).toEqual([
      '  0  initial state',
      '       held = {2}',
      '       owner = {"b" -> 2}',
      '  1  Take   <-- p fails here',
      '       held: {2} -> {1, 2}',
    ]);
    expect(text).toContain('       owner: {"b" -> 2} -> {"a" -> 1, "b" -> 2}');
  });

  it('rejects files that are not gntcheck traces, naming the problem', () => {
    expect(() => fromItf({ vars: [], states: [] })).toThrow(/no #meta.gntcheck/);
    expect(() => fromItf({ '#meta': { gntcheck: { version: 99, model: 'm', kind: 'always' } }, states: [{}] })).toThrow(/version 99/);
    const meta = { '#meta': { gntcheck: { version: 1, model: 'm', kind: 'always' } } };
    expect(() => fromItf({ ...meta, states: [{ x: { '#bigint': '1.5' } }] })).toThrow(/states\[0\]\.x: "1\.5" is not an integer/);
    expect(() => fromItf({ ...meta, states: [{ x: { '#map': [[1]] } }] })).toThrow(/#map must be an array of \[key, value\] pairs/);
    expect(() => fromItf({ ...meta, states: [{}, { '#meta': { action: 'Go' } }] })).toThrow(/#meta\.action must be an object/);
    expect(() => fromItf({ '#meta': { gntcheck: { ...meta['#meta'].gntcheck, params: 'P=2' } }, states: [{}] })).toThrow(/params must be an object/);

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
