import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/explore/check.js';
import type { CheckResult } from '../../src/explore/result.js';
import { instantiate } from '../../src/model/definition.js';
import { loadSpecs } from '../../src/spec/load.js';
import { replayTrace } from '../../src/trace/replay.js';
import { blkif } from './model.js';

const SPECS = loadSpecs(fileURLToPath(new URL('../../specs/blkif/', import.meta.url))).filter((s) => !s.tags.includes('large'));

const outcomes = (r: CheckResult) => r.properties.map((p) => `${p.name}:${p.status}:${p.length ?? '-'}`);

describe('blkif symmetry reduction (grefs, ring slots, vCPUs)', () => {
  it.each(SPECS.map((s) => [s.name, s] as const))('%s: the reduced run decides every property as the full run does', (_, spec) => {
    const { model, origin } = instantiate(blkif, spec.params, spec.variant);
    const base = { ...spec.options, deadlock: spec.options.deadlock ?? true };
    const full = check(model, { ...base, symmetry: false }, origin);
    const reduced = check(model, { ...base, symmetry: true }, origin);
    expect(outcomes(reduced)).toEqual(outcomes(full));
    expect(reduced.stats.states).toBeLessThanOrEqual(full.stats.states);
    // Counterexamples found on representatives are rebuilt as real paths of the model.
    if (reduced.status === 'violation') {
      for (const v of reduced.violations) if (v.trace) expect(replayTrace(model, v.trace).ok).toBe(true);
    }
  });

  it('pins the reduced state counts', () => {
    const count = (params: Record<string, number>) =>
      check(instantiate(blkif, params, null).model, { symmetry: true }).stats.states;
    expect(count({})).toBe(1_497);
    expect(count({ P: 1, G: 1, R: 1, C: 1, MAXP: 1 })).toBe(81);
    expect(count({ P: 3, G: 3, R: 2, C: 2, MAXP: 3 })).toBe(17_369);
  });
});
