/**
 * B12(b) with runtime parameters: the exact counterexample of stale-persistent, and the
 * fixed drivers under the same parameter writes (README, "Parameters that change between
 * connections"). Default sizes with the front's parameter off at creation, as the specs.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/explore/check.js';
import { violationsOf, type CheckResult } from '../../src/explore/result.js';
import { blkifModel } from './model.js';
import type { BlkifParams } from './params.js';

const FRONT_OFF: BlkifParams = { P: 2, G: 3, R: 2, C: 2, MAXP: 2, FP: false, BP: true };

const outcome = (r: CheckResult, name: string) => {
  const o = r.properties.find((p) => p.name === name)!;
  return [o.status, o.length];
};

describe('feature_persistent changed between connections', () => {
  it('stale-persistent: the feature negotiated off at the first connection stays off after the front switches it on', () => {
    const r = check(blkifModel(FRONT_OFF, 'stale-persistent'));
    expect(r.stats.states).toBe(17_455);
    expect(violationsOf(r).map((v) => [v.property, v.length])).toEqual([
      ['paramsApplied', 12],
      ['paramChangeApplied', null],
      ['persistentInUse', null],
    ]);
    const trace = violationsOf(r)[0]!.trace!;
    expect(trace.steps.map((s) => s.label)).toEqual([
      null,
      'BackProbe',
      'FrontInit',
      'BackConnect',
      'BackClose',
      'FrontClosed',
      'BackDisconnect',
      'FrontSetParam',
      'FrontReinit',
      'BackReprobe',
      'FrontInit',
      'BackConnect',
      'FrontConnect',
    ]);
    const pers = (i: number) => {
      const s = trace.steps[i]!.state as Record<string, unknown>;
      return [s['fpNow'], s['bpNow'], s['fePers'], s['bePers']];
    };
    expect(pers(1)).toEqual([false, true, false, true]); // probe: the back's feature from BP
    expect(pers(3)).toEqual([false, true, false, false]); // negotiated off: the front advertised 0
    expect(pers(12)).toEqual([true, true, false, false]); // both parameters on, the feature still off
  });

  it('param-change: the fixed drivers apply every change at the next connect, and use persistent grants once both are on', () => {
    const r = check(blkifModel(FRONT_OFF, 'param-change'));
    expect([r.status, r.stats.states]).toEqual(['ok', 47_325]);
    expect(outcome(r, 'paramsApplied')).toEqual(['held', null]);
    expect(outcome(r, 'paramChangeApplied')).toEqual(['reached', 12]);
    expect(outcome(r, 'persistentInUse')).toEqual(['reached', 14]);
  });

  it('the reference and the other variants have neither the parameter fields nor their properties', () => {
    const names = blkifModel({ ...FRONT_OFF, FP: true }).properties.map((p) => p.name);
    expect(names).not.toContain('paramsApplied');
    expect(names).not.toContain('paramChangeApplied');
    expect(blkifModel(FRONT_OFF, 'negotiation').actionTypes).not.toContain('FrontSetParam');
  });
});
