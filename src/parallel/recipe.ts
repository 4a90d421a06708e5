import type { Instance } from '../model/definition.js';
import type { AnyModel } from '../model/model.js';
import type { GraphFault } from '../testing/faultyGraph.js';
import type { Graph } from '../testing/graphModel.js';
import type { TraceOrigin } from '../trace/trace.js';

/**
 * A model as data. Models are code and cannot cross threads, so every thread of a
 * parallel run builds its own from the same recipe: a registry model (resolved against
 * models/index.ts, as `--model` and spec files are) or, for tests, a packed random
 * graph model (src/testing/graphModel.ts), optionally with a planted fault.
 */
export type ModelRecipe =
  | {
      readonly kind: 'registry';
      readonly model: string;
      /** Raw or resolved parameter values, as `instantiate` takes them. */
      readonly params: Readonly<Record<string, unknown>>;
      readonly variant: string | null;
    }
  | { readonly kind: 'graph'; readonly graph: Graph; readonly fault?: GraphFault };

/** The recipe of a registry instance, from the origin its traces carry. */
export function registryRecipe(origin: TraceOrigin): ModelRecipe {
  return { kind: 'registry', model: origin.model, params: { ...origin.params }, variant: origin.variant };
}

/** Builds the model a recipe names, loading only the modules it needs. */
export async function buildRecipe(recipe: ModelRecipe): Promise<Instance> {
  switch (recipe.kind) {
    case 'registry': {
      const [{ MODELS }, { findDefinition, instantiate }] = await Promise.all([
        import('../../models/index.js'),
        import('../model/definition.js'),
      ]);
      return instantiate(findDefinition(MODELS, recipe.model), recipe.params, recipe.variant);
    }
    case 'graph': {
      const fault = recipe.fault;
      const model = (
        fault === undefined
          ? (await import('../testing/graphModel.js')).packedGraphModel(recipe.graph)
          : (await import('../testing/faultyGraph.js')).faultyGraphModel(recipe.graph, fault)
      ) as unknown as AnyModel;
      return { model, origin: { model: model.name, params: {}, variant: null } };
    }
  }
}
