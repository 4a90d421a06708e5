import { findDefinition, instantiate, type ModelDefinition } from '../model/definition.js';
import type { TraceOrigin } from '../trace/trace.js';
import { canonicalJson } from '../util/json.js';
import { measureCost, type CostMeasurement, type CostOptions } from './measure.js';
import type { Workload } from './workload.js';
import { workloadFor } from './workloads.js';

export interface InstanceCost {
  readonly origin: TraceOrigin;
  readonly workload: Workload;
  readonly measurement: CostMeasurement;
}

/**
 * Cost measurements of model instances, each measured once: several specs (and the
 * throughput plot) share a configuration. Instances of models without a workload
 * have no cost (null).
 */
export class InstanceCosts {
  private readonly cache = new Map<string, InstanceCost | null>();

  /** `options`, when given, replaces every workload's own walk options (tests use shorter walks). */
  constructor(
    private readonly registry: readonly ModelDefinition[],
    private readonly options?: CostOptions,
  ) {}

  /** The walk options a workload's instances are measured with. */
  optionsFor(workload: Workload): CostOptions {
    return this.options ?? workload.options;
  }

  /** `params` may be partial: the model's defaults fill the rest. */
  costOf(model: string, params: Readonly<Record<string, unknown>>, variant: string | null): InstanceCost | null {
    const workload = workloadFor(model);
    if (!workload) return null;
    const instance = instantiate(findDefinition(this.registry, model), params, variant);
    const key = canonicalJson(instance.origin);
    if (!this.cache.has(key)) {
      const measurement = measureCost(instance.model, workload, this.optionsFor(workload));
      this.cache.set(key, { origin: instance.origin, workload, measurement });
    }
    return this.cache.get(key)!;
  }
}
