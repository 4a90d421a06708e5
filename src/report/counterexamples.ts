import { effectsAlongTrace } from '../cost/traceEffects.js';
import { findDefinition, instantiate, type ModelDefinition } from '../model/definition.js';
import type { SpecOutcome } from '../spec/evaluate.js';
import type { Trace } from '../trace/trace.js';
import { renderSequenceDiagram } from './sequenceDiagram.js';
import { stepRows, type StepRow } from './steps.js';
import { slug } from './traceFiles.js';

/** Where a counterexample's replayable files were written, relative to the report. */
export interface TraceLinks {
  readonly json: string;
  readonly text: string;
}

export interface Counterexample {
  readonly spec: string;
  /** The model instance's name, e.g. `blkif P=2 ... variant=lru`. */
  readonly modelName: string;
  /** Anchor in the HTML page and heading target in Markdown. */
  readonly id: string;
  readonly trace: Trace;
  readonly rows: readonly StepRow[];
  /** Mermaid `sequenceDiagram` source. */
  readonly diagram: string;
  /** The spec expects this property to fail (a rediscovered bug), as opposed to a regression. */
  readonly expected: boolean;
  /** Whether the steps' effects (hypercalls, IPIs) could be found by walking the trace on the model. */
  readonly withEffects: boolean;
  readonly links: TraceLinks | null;
}

export function counterexampleId(spec: string, property: string): string {
  return `cx-${slug(spec)}-${slug(property)}`.toLowerCase();
}

/** Every counterexample of the run, in spec order, with its steps, effects and diagram. */
export function collectCounterexamples(
  registry: readonly ModelDefinition[],
  outcomes: readonly SpecOutcome[],
  links: (spec: string, property: string) => TraceLinks | null,
): Counterexample[] {
  const out: Counterexample[] = [];
  for (const o of outcomes) {
    if (o.result.status !== 'violation') continue;
    const withTrace = o.result.violations.filter((v) => v.trace !== null);
    if (withTrace.length === 0) continue;
    const { model } = instantiate(findDefinition(registry, o.origin.model), o.origin.params, o.origin.variant);
    for (const v of withTrace) {
      const trace = v.trace!;
      const effects = effectsAlongTrace(model, trace);
      const rows = stepRows(trace, effects);
      out.push({
        spec: o.spec.name,
        modelName: o.result.model,
        id: counterexampleId(o.spec.name, v.property),
        trace,
        rows,
        diagram: renderSequenceDiagram(trace, rows),
        expected: v.property in o.spec.expectViolations,
        withEffects: effects !== null,
        links: links(o.spec.name, v.property),
      });
    }
  }
  return out;
}
