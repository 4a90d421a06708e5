import { describe, expect, it } from 'vitest';
import { MODELS } from '../../models/index.js';
import { propertyVerdicts } from '../report/verdicts.js';
import { runSpec } from './evaluate.js';
import { parseSpec } from './spec.js';

const spec = (expect: unknown) => parseSpec('t.json', { name: 't', model: 'blkif', params: { P: 1, G: 1, R: 1, C: 1, MAXP: 1 }, expect });

describe('expect.holds: the properties a spec names as holding', () => {
  it('parses a list of names, and rejects anything else', () => {
    expect(spec({ holds: ['noGrefAlias', 'requestInFlight'] }).expectHolds).toEqual(['noGrefAlias', 'requestInFlight']);
    expect(spec({}).expectHolds).toEqual([]);
    expect(() => spec({ holds: 'noGrefAlias' })).toThrow('t.json: "expect.holds" must be an array of property names');
    expect(() => spec({ holds: [''] })).toThrow('"expect.holds" must be an array of property names');
    expect(() => spec({ holds: ['a', 'a'] })).toThrow('expect.holds names a twice');
    expect(() => spec({ violations: { deadlock: 3 }, holds: ['deadlock'] })).toThrow(
      'expect.holds names deadlock, which expect.violations expects to fail',
    );
  });

  it('passes when each named property holds (a witness: is reached), fails when the model has no such property', () => {
    const ok = runSpec(MODELS, spec({ holds: ['unmapOnlyOnDisconnect', 'noGrefAlias', 'requestInFlight', 'deadlock'] }));
    expect([ok.passed, ok.problems]).toEqual([true, []]);
    const renamed = runSpec(MODELS, spec({ holds: ['noGrefAliasing'] }));
    expect([renamed.passed, renamed.problems]).toEqual([false, ['expected noGrefAliasing to hold, but the model has no such property']]);
    const absent = propertyVerdicts(renamed).filter((v) => !v.pass);
    expect(absent.map((v) => [v.property, v.status, v.message])).toEqual([
      ['noGrefAliasing', 'absent', 'expected noGrefAliasing to hold, but blkif has no such property'],
    ]);
  });

  it('a named property that fails is an unexpected counterexample', () => {
    const lru = parseSpec('lru.json', { name: 'lru', model: 'blkif', params: { P: 1, G: 1, R: 1, C: 1, MAXP: 1 }, variant: 'lru', expect: { holds: ['unmapOnlyOnDisconnect'] } });
    const o = runSpec(MODELS, lru);
    expect([o.passed, o.problems]).toEqual([false, ['unexpected counterexample to unmapOnlyOnDisconnect (9 steps)']]);
  });
});
