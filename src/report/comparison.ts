import type { InstanceCost, InstanceCosts } from '../cost/instanceCosts.js';
import type { CountedEffect } from '../cost/workload.js';
import { workloadFor } from '../cost/workloads.js';
import type { PropertyOutcome } from '../explore/result.js';
import { findDefinition, type ModelDefinition } from '../model/definition.js';
import type { SpecOutcome } from '../spec/evaluate.js';
import { describeMethod } from './costSection.js';
import { paramsDiffText } from './format.js';

export interface ComparisonRow {
  readonly spec: string;
  readonly variant: string | null;
  /** Parameters that differ from the model's defaults. */
  readonly params: string;
  readonly passed: boolean;
  /** Property name -> outcome; absent when the instance does not have the property. */
  readonly outcomes: ReadonlyMap<string, PropertyOutcome>;
  readonly cost: InstanceCost | null;
}

/** The specs of one model side by side: which properties hold, and what a request costs. */
export interface ComparisonTable {
  readonly model: string;
  readonly title: string;
  /** Every property of any row, in order of first appearance. */
  readonly properties: readonly string[];
  /** Cost columns (empty when the model has no cost workload). */
  readonly costColumns: readonly CountedEffect[];
  /** How the costs are measured, one sentence each (empty without costs). */
  readonly method: readonly string[];
  readonly rows: readonly ComparisonRow[];
}

/** One table per model, rows in spec order; costs measured once per distinct instance. */
export function compareSpecs(registry: readonly ModelDefinition[], outcomes: readonly SpecOutcome[], costs: InstanceCosts): ComparisonTable[] {
  const byModel = new Map<string, SpecOutcome[]>();
  for (const o of outcomes) byModel.set(o.origin.model, [...(byModel.get(o.origin.model) ?? []), o]);
  return [...byModel].map(([model, specs]) => {
    const def = findDefinition(registry, model);
    const properties = [...new Set(specs.flatMap((o) => o.result.properties.map((p) => p.name)))];
    const rows = specs.map((o) => ({
      spec: o.spec.name,
      variant: o.origin.variant,
      params: paramsDiffText(def.params, o.origin.params),
      passed: o.passed,
      outcomes: new Map(o.result.properties.map((p) => [p.name, p])),
      cost: costs.costOf(model, o.origin.params, o.origin.variant),
    }));
    const workload = workloadFor(model);
    return { model, title: def.title, properties, costColumns: workload?.counted ?? [], method: workload ? describeMethod(workload, costs) : [], rows };
  });
}
