import type { StepEffects } from '../cost/traceEffects.js';
import { workloadFor } from '../cost/workloads.js';

/**
 * A step's effects as `unmap hypercalls: 1, TLB flushes: 1, flush IPIs: 2`: the model's
 * workload labels and order first, then any other effect by name.
 */
export function effectsText(model: string, effects: StepEffects): string {
  const counted = workloadFor(model)?.counted ?? [];
  const labels = new Map(counted.map((c) => [c.effect, c.label]));
  const rank = (k: string): number => (labels.has(k) ? counted.findIndex((c) => c.effect === k) : counted.length);
  return Object.entries(effects)
    .filter(([, n]) => n !== 0)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([k, n]) => `${labels.get(k) ?? k}: ${n}`)
    .join(', ');
}
