import { InstanceCosts } from '../cost/instanceCosts.js';
import { BLKIF_WORKLOAD } from '../cost/blkifWorkload.js';
import type { CostOptions } from '../cost/measure.js';
import type { ModelDefinition } from '../model/definition.js';
import type { SpecOutcome } from '../spec/evaluate.js';
import { compareSpecs, type ComparisonTable } from './comparison.js';
import { buildCostSection, type CostSection } from './costSection.js';
import { collectCounterexamples, type Counterexample, type TraceLinks } from './counterexamples.js';
import { runVerdict, type RunVerdict } from './specJson.js';
import { propertyVerdicts, type PropertyVerdict } from './verdicts.js';

export interface SpecSection {
  readonly outcome: SpecOutcome;
  readonly verdicts: readonly PropertyVerdict[];
  /** Action types that never fired: a property about them may hold vacuously. */
  readonly neverFired: readonly string[];
  /** The run's other warnings. */
  readonly warnings: readonly string[];
}

/** Everything the Markdown summary and the HTML page show, computed once. */
export interface RunReport {
  readonly verdict: RunVerdict;
  readonly specs: readonly SpecSection[];
  readonly comparisons: readonly ComparisonTable[];
  readonly counterexamples: readonly Counterexample[];
  /** The throughput cost model; null when no spec of the run is of the blkif model. */
  readonly cost: CostSection | null;
}

const NEVER_FIRED_WARNING = 'actions that never fired';

export function buildRunReport(
  registry: readonly ModelDefinition[],
  outcomes: readonly SpecOutcome[],
  links: (spec: string, property: string) => TraceLinks | null,
  costOptions?: CostOptions,
): RunReport {
  const costs = new InstanceCosts(registry, costOptions);
  const specs = outcomes.map((o) => ({
    outcome: o,
    verdicts: propertyVerdicts(o),
    neverFired: Object.entries(o.result.stats.fired)
      .filter(([, n]) => n === 0)
      .map(([t]) => t),
    // The never-fired warning is shown as its own list.
    warnings: o.result.warnings.filter((w) => !w.startsWith(NEVER_FIRED_WARNING)),
  }));
  return {
    verdict: runVerdict(outcomes),
    specs,
    comparisons: compareSpecs(registry, outcomes, costs),
    counterexamples: collectCounterexamples(registry, outcomes, links),
    cost: outcomes.some((o) => o.origin.model === BLKIF_WORKLOAD.model) ? buildCostSection(costs) : null,
  };
}
