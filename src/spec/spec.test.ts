import { describe, expect, it } from 'vitest';
import { MODELS } from '../../models/index.js';
import { GntcheckError } from '../util/errors.js';
import { prepareSpec, runSpec } from './evaluate.js';
import { parseSpec } from './spec.js';

const codeAndMessage = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    if (err instanceof GntcheckError) return `${err.code}: ${err.message}`;
    throw err;
  }
  return 'no error';
};
const base = { name: 'rm3', model: 'two-phase', params: { RM: 3 } };

describe('spec files', () => {
  it('options must have the type they take: a wrong one is BAD_SPEC, not a silent default', () => {
    const bad = (options: unknown): string => codeAndMessage(() => parseSpec('s.json', { ...base, options }));
    expect(bad({ deadlock: 'false' })).toBe('BAD_SPEC: s.json: options.deadlock must be true or false, got "false"');
    expect(bad({ symmetry: 1 })).toBe('BAD_SPEC: s.json: options.symmetry must be true or false, got 1');
    expect(bad({ strategy: 'bfs2' })).toBe('BAD_SPEC: s.json: options.strategy must be "bfs", "dfs" or "random", got "bfs2"');
    expect(bad({ store: 'disk' })).toBe('BAD_SPEC: s.json: options.store must be "full" or "fingerprint", got "disk"');
    expect(bad({ maxStates: '10' })).toBe('BAD_SPEC: s.json: options.maxStates must be an integer >= 1, got "10"');
    expect(bad({ maxStates: 0 })).toBe('BAD_SPEC: s.json: options.maxStates must be an integer >= 1, got 0');
    expect(bad({ maxDepth: -1 })).toBe('BAD_SPEC: s.json: options.maxDepth must be an integer >= 0, got -1');
    expect(bad({ timeoutMs: 0 })).toBe('BAD_SPEC: s.json: options.timeoutMs must be a number of milliseconds > 0, got 0');
    expect(bad({ seed: 1.5 })).toBe('BAD_SPEC: s.json: options.seed must be an integer, got 1.5');
    expect(bad({ walks: 0 })).toMatch(/options\.walks must be an integer >= 1/);
    expect(bad({ walkDepth: 'long' })).toMatch(/options\.walkDepth must be an integer >= 1/);
    expect(bad({ maxMemory: 5 })).toMatch(/^BAD_SPEC: s\.json: unknown option "maxMemory"/);
    expect(bad({ deadlock: false, maxDepth: 0, strategy: 'dfs' })).toBe('no error');
  });

  it('model, parameters, variant and expected properties are resolved before running, naming the file', () => {
    const prepare = (json: object): string => codeAndMessage(() => prepareSpec(MODELS, parseSpec('s.json', { ...base, ...json })));
    expect(prepare({ model: 'nope' })).toMatch(/^UNKNOWN_MODEL: s\.json: unknown model "nope"/);
    expect(prepare({ params: { RM: 15 } })).toBe('BAD_PARAMETER: s.json: two-phase: parameter RM must be in 1..14, got 15');
    expect(prepare({ params: { N: 1 } })).toBe('BAD_PARAMETER: s.json: two-phase has no parameter N (known: RM)');
    expect(prepare({ variant: 'lru' })).toBe('UNKNOWN_VARIANT: s.json: two-phase has no variant "lru" (it has none)');
    expect(prepare({ expect: { violations: { consistant: 3 } } })).toBe(
      'BAD_SPEC: s.json: expect.violations names "consistant", which two-phase RM=3 does not check (known: consistent, allCommitted, allAborted, deadlock)',
    );
    expect(prepare({ options: { deadlock: false }, expect: { violations: { deadlock: null } } })).toBe(
      'BAD_SPEC: s.json: expects a deadlock but sets options.deadlock to false',
    );
    expect(prepare({ expect: { violations: { allAborted: null } } })).toBe('no error');
  });

  it('a spec that names an existing property it wrongly expects to fail is a failing spec, not bad input', () => {
    const o = runSpec(MODELS, parseSpec('s.json', { ...base, expect: { violations: { consistent: 3 }, states: 288 } }));
    expect([o.passed, o.problems]).toEqual([false, ['expected a counterexample to consistent, none found']]);
  });
});

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

  it('passes when each named property holds (a witness: is reached); a name the model lacks is a bad spec', () => {
    const ok = runSpec(MODELS, spec({ holds: ['unmapOnlyOnDisconnect', 'noGrefAlias', 'requestInFlight', 'deadlock'] }));
    expect([ok.passed, ok.problems]).toEqual([true, []]);
    expect(codeAndMessage(() => runSpec(MODELS, spec({ holds: ['noGrefAliasing'] })))).toMatch(
      /^BAD_SPEC: t\.json: expect\.holds names "noGrefAliasing", which blkif P=1 G=1 R=1 C=1 MAXP=1 FP=true BP=true does not check \(known: /,
    );
  });

  it('a named property that fails is an unexpected counterexample', () => {
    const lru = parseSpec('lru.json', { name: 'lru', model: 'blkif', params: { P: 1, G: 1, R: 1, C: 1, MAXP: 1 }, variant: 'lru', expect: { holds: ['unmapOnlyOnDisconnect'] } });
    const o = runSpec(MODELS, lru);
    expect([o.passed, o.problems]).toEqual([false, ['unexpected counterexample to unmapOnlyOnDisconnect (9 steps)']]);
  });
});
