import { describe, expect, it } from 'vitest';
import { MODELS } from '../../models/index.js';
import { check } from '../explore/check.js';
import { violationsOf } from '../explore/result.js';
import { findDefinition, instantiate } from '../model/definition.js';
import type { Trace } from '../trace/trace.js';
import { effectsAlongTrace } from './traceEffects.js';

function lruTrace(): { trace: Trace; model: ReturnType<typeof instantiate>['model'] } {
  const { model, origin } = instantiate(findDefinition(MODELS, 'blkif'), {}, 'lru');
  const v = violationsOf(check(model, {}, origin)).find((x) => x.property === 'unmapOnlyOnDisconnect')!;
  return { trace: v.trace!, model };
}

describe('effects along a trace', () => {
  it('finds the map of BackMap and the unmap, flush and IPIs of LruPurge', () => {
    const { trace, model } = lruTrace();
    const fx = effectsAlongTrace(model, trace)!;
    expect(fx).toHaveLength(trace.steps.length);
    expect(trace.steps[6]!.label).toBe('BackMap(s=0)');
    expect(fx[6]).toEqual({ mapHypercallOps: 1 });
    expect(trace.steps[9]!.label).toBe('LruPurge(g=0)');
    expect(fx[9]).toEqual({ unmapHypercallOps: 1, tlbFlushes: 1, flushIpis: 2 });
    expect(fx.slice(1, 6).every((e) => Object.keys(e).length === 0)).toBe(true);
  });

  it('is null for a trace the model does not follow', () => {
    const { trace, model } = lruTrace();
    const tampered: Trace = { ...trace, steps: trace.steps.map((s, i) => (i === 3 ? { ...s, state: { ...(s.state as object), be: 'Closed' } } : s)) };
    expect(effectsAlongTrace(model, tampered)).toBeNull();
    const other = instantiate(findDefinition(MODELS, 'blkif'), {}, null).model;
    expect(effectsAlongTrace(other, trace)).toBeNull();
  });
});
