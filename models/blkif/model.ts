/**
 * The Xen blkif protocol with persistent grants: `../shared/reference/blkif-reference-model.md`
 * implemented to the letter, plus one-switch variants for design choices and historical
 * bugs (./variants.ts). Guest frontend (blkfront), backend (blkback) and the hypervisor's
 * grant table and per-vCPU TLBs; one segment per request.
 *
 * Readings where the page leaves room (see models/blkif/README.md):
 * - "then flush" in BackDisconnect is applied even when there is no tree node; it
 *   changes no state then (no node and not busy means every TLB is empty in the
 *   reference) and is not counted as a flush in cost measurements.
 * - `unmapOnlyOnDisconnect` recognises an unmap as a drop in some `pin[g]`: every unmap
 *   in the model drops a pin and no other action does.
 */
import { compileLayout } from '../../src/layout/compile.js';
import type { ModelDefinition } from '../../src/model/definition.js';
import { layoutModel } from '../../src/model/layoutModel.js';
import type { Action } from '../../src/model/action.js';
import type { JsonObject } from '../../src/util/json.js';
import { ioCommands } from './io.js';
import { lifecycleCommands } from './lifecycle.js';
import { BLKIF_PARAMS, toBlkifParams, validateBlkifParams, type BlkifParams } from './params.js';
import { blkifCanonicalizer } from './symmetry.js';
import { blkifProperties } from './properties.js';
import { blkifShape, initBlkif, NONE, type BlkifState } from './state.js';
import { BLKIF_VARIANTS, featuresOf, type BlkifVariant } from './variants.js';

/** Who takes each action: a lane in sequence diagrams. */
export function blkifActor(a: Action): string {
  if (a.type.startsWith('Front') || a.type === 'DeferredRelease') return 'frontend';
  if (a.type === 'HvFlush') return 'hypervisor';
  return 'backend';
}

export function blkifModel(p: BlkifParams, variant: BlkifVariant | null = null) {
  const f = featuresOf(variant);
  const layout = compileLayout(blkifShape(p, f));
  const name =
    `blkif P=${p.P} G=${p.G} R=${p.R} C=${p.C} MAXP=${p.MAXP} FP=${p.FP} BP=${p.BP}` + (variant ? ` variant=${variant}` : '');
  const model = layoutModel<BlkifState, Action>({
    name,
    layout: layout as never,
    inits: [(v) => initBlkif(v, p, f)],
    commands: [...lifecycleCommands(p, f), ...ioCommands(p, f)],
    properties: blkifProperties(p, f),
    actorOf: blkifActor,
    canonicalize: blkifCanonicalizer(p),
  });
  const raw = model.snapshot!;
  // Traces show "none" instead of the -1 that encodes it.
  model.snapshot = (s) => {
    const o = raw(s) as JsonObject;
    for (const k of ['entGref', 'entSlot']) o[k] = (o[k] as number[]).map((x) => (x === NONE ? 'none' : x));
    return o;
  };
  return model;
}

export const blkif: ModelDefinition = {
  id: 'blkif',
  title: 'Xen blkif with persistent grants (reference model)',
  source: 'shared/reference/blkif-reference-model.md; Linux xen-blkfront/xen-blkback, Xen grant tables',
  params: BLKIF_PARAMS,
  variants: BLKIF_VARIANTS,
  validate: validateBlkifParams,
  build: (params, variant) => blkifModel(toBlkifParams(params), variant as BlkifVariant | null),
};
