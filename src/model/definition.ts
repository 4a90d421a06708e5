import { fail } from '../util/errors.js';
import type { AnyModel } from './model.js';
import { resolveParams, type ParamSpecs, type ParamValues } from './params.js';
import type { TraceOrigin } from '../trace/trace.js';

/**
 * A registered model: its configuration (parameters with defaults and ranges, named
 * variants) kept apart from the model it builds.
 */
export interface ModelDefinition {
  /** What `--model` takes. */
  readonly id: string;
  readonly title: string;
  /** Where the model comes from (a spec, a paper, a source file). */
  readonly source: string;
  readonly params: ParamSpecs;
  /** Variant name -> one line saying what it changes. */
  readonly variants: Readonly<Record<string, string>>;
  /** Checks relations between parameters (`G >= P`); returns an error message or null. */
  readonly validate?: (params: ParamValues) => string | null;
  readonly build: (params: ParamValues, variant: string | null) => AnyModel;
}

export interface Instance {
  readonly model: AnyModel;
  readonly origin: TraceOrigin;
}

export function findDefinition(registry: readonly ModelDefinition[], id: string): ModelDefinition {
  const def = registry.find((d) => d.id === id);
  if (!def) fail('UNKNOWN_MODEL', `unknown model ${JSON.stringify(id)} (known: ${registry.map((d) => d.id).join(', ')})`);
  return def;
}

/** Resolves parameters and variant against the definition and builds the model. */
export function instantiate(
  def: ModelDefinition,
  rawParams: Readonly<Record<string, unknown>>,
  variant: string | null,
): Instance {
  const params = resolveParams(def.id, def.params, rawParams);
  const problem = def.validate?.(params);
  if (problem) fail('BAD_PARAMETER', `${def.id}: ${problem}`);
  if (variant !== null && !(variant in def.variants)) {
    const known = Object.keys(def.variants);
    fail(
      'UNKNOWN_VARIANT',
      `${def.id} has no variant ${JSON.stringify(variant)}` + (known.length ? ` (known: ${known.join(', ')})` : ' (it has none)'),
    );
  }
  return { model: def.build(params, variant), origin: { model: def.id, params, variant } };
}
