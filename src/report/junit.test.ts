import { describe, expect, it } from 'vitest';
import { renderJunit, RUN_CASE } from './junit.js';
import { runBundledSpecs, runInlineSpec } from './testing/outcomes.js';
import { xmlProblem } from './testing/wellFormedXml.js';

const LRU = {
  model: 'blkif',
  variant: 'lru',
  params: { P: 2, G: 3, R: 2, C: 2, MAXP: 2 },
};

function cases(xml: string): { name: string; classname: string; body: string }[] {
  return [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => ({
    classname: m[1]!,
    name: m[2]!,
    body: m[3] ?? '',
  }));
}

describe('JUnit XML', () => {
  const outcomes = runBundledSpecs('specs/blkif/variant-lru.json', 'specs/two-phase/rm3.json');

  it('is well-formed, with one test case per spec and property plus one for the run', () => {
    const xml = renderJunit(outcomes);
    expect(xmlProblem(xml)).toBeNull();
    const all = cases(xml);
    const expected = outcomes.flatMap((o) => [...o.result.properties.map((p) => `${o.spec.name}/${p.name}`), `${o.spec.name}/${RUN_CASE}`]);
    expect(all.map((c) => `${c.classname}/${c.name}`)).toEqual(expected);
    expect(all).toHaveLength(13 + 1 + 4 + 1);
    expect(xml).toContain('<testsuites name="gntcheck" tests="19" failures="0" errors="0"');
  });

  it('keeps an expected counterexample, as text, in a passing case', () => {
    const lru = cases(renderJunit(outcomes)).find((c) => c.name === 'unmapOnlyOnDisconnect')!;
    expect(lru.body).not.toContain('<failure');
    expect(lru.body).toContain('<system-out>unmapOnlyOnDisconnect violated (9 steps), as the spec expects');
    expect(lru.body).toContain('9  [backend] LruPurge(g=0)   &lt;-- unmapOnlyOnDisconnect fails here');
  });

  it('fails an unexpected counterexample and carries the text trace', () => {
    const o = runInlineSpec('inline/lru-regression.json', { ...LRU, name: 'lru <regression> & "friends"', expect: { violations: {} } });
    const xml = renderJunit([o]);
    expect(xmlProblem(xml)).toBeNull();
    expect(xml).toContain('<testsuite name="lru &lt;regression&gt; &amp; &quot;friends&quot;" tests="14" failures="1"');
    const failing = cases(xml).filter((c) => c.body.includes('<failure'));
    expect(failing.map((c) => c.name)).toEqual(['unmapOnlyOnDisconnect']);
    const body = failing[0]!.body;
    expect(body).toContain('<failure message="unexpected: unmapOnlyOnDisconnect violated (9 steps)" type="unexpected-violation">');
    expect(body).toContain('Counterexample: action property unmapOnlyOnDisconnect fails at step 9');
    expect(body).toContain('tree[0]: Idle -&gt; Absent');
  });

  it('fails a missing or mis-sized expected counterexample, and a state count mismatch in the run case', () => {
    const o = runInlineSpec('inline/wrong.json', {
      ...LRU,
      name: 'lru-wrong',
      expect: { violations: { unmapOnlyOnDisconnect: 8, noGrefAlias: null }, states: 5 },
    });
    expect(o.passed).toBe(false);
    const failures = cases(renderJunit([o]))
      .filter((c) => c.body.includes('<failure'))
      .map((c) => `${c.name}: ${/message="([^"]*)"/.exec(c.body)![1]}`);
    expect(failures).toEqual([
      'noGrefAlias: expected a counterexample to noGrefAlias, none found (held)',
      'unmapOnlyOnDisconnect: unmapOnlyOnDisconnect: expected a shortest counterexample of 8 steps, found 9',
      `${RUN_CASE}: expected 5 distinct states, explored 39316`,
    ]);
  });

  it('fails a spec exactly when one of its cases fails', () => {
    const o = runInlineSpec('inline/incomplete.json', { ...LRU, name: 'lru-bounded', options: { maxStates: 100 }, expect: { violations: { unmapOnlyOnDisconnect: 9 } } });
    for (const x of [...outcomes, o]) {
      const anyFails = renderJunit([x]).includes('<failure');
      expect(anyFails).toBe(!x.passed);
    }
  });

  it('drops characters XML cannot hold', () => {
    const o = runInlineSpec('inline/ctl.json', { ...LRU, name: 'ctl\u0001name', expect: { violations: { unmapOnlyOnDisconnect: 9 } } });
    const xml = renderJunit([o]);
    expect(xml).toContain('classname="ctlname"');
    expect(xmlProblem(xml)).toBeNull();
  });
});
