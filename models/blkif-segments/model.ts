/**
 * blkif-segments: the Xen block protocol with persistent grants, closer to
 * xen-blkback's code than the reference model (models/blkif). See README.md for the
 * digest §4 coverage table.
 *
 * What it adds over the reference:
 * - Requests of 1..S segments; each segment is a `grant_page` holding a tree node, its
 *   own mapping (a handle, one pin) or nothing.
 * - `xen_blkbk_map` as Linux runs it (blkbkMap.ts): per-segment tree lookup where an
 *   *active* node is "a grant already in use" and the segment is mapped again; misses
 *   mapped in batches of B ops; a fresh mapping added to the tree while below MAXP,
 *   where `add_persistent_gnt` refuses a gref already in the tree and the segment keeps
 *   a non-persistent mapping that completion unmaps (with a TLB flush); map failures
 *   per op; the `out:` loop, `fail_flush` and the ERROR response.
 * - The same gref twice in flight, in one request or two, and grefs that were never
 *   granted, from a hostile front (HOSTILE).
 * - Memory exhaustion in the backend (NOMEM): no free page for a segment, or a failed
 *   PV p2m update inside `gnttab_map_refs`.
 * - `persistent_gnt_in_use` as its own counter, the BUG_ONs of `xen_blkif_disconnect`,
 *   the backend's purge of idle nodes (PURGE), and grant table v2's revoke (a variant).
 * - Variants that put back XSA-371, both halves of XSA-365, XSA-362, Linux 3.8's
 *   insert-before-map, and grant table v2's failed revoke (variants.ts).
 *
 * What it still abstracts away:
 * - Page contents and offsets (no data, so no B5, B7, B11), the shared ring's memory
 *   (a request is copied whole and once: no B6), indirect descriptors, multi-queue.
 * - The hypervisor's unmap is one atomic op per pin with the flush in its batch (no
 *   B1 or B2 interleavings here; the reference's flush-after-unpin has B1); one kind of
 *   pin (no B3).
 * - xenbus: each side's state change is seen once and in order (no repeated or
 *   coalesced watch events); the lifecycle is the reference's.
 * - A tree node is known by its gref: a stale pointer to a freed node whose gref was
 *   re-added points at the new node. The purge unmaps in the same step as it erases.
 * - A pending_req is the ring slot of the same index; a dispatch (lookup, map, add,
 *   error handling, response) is one atomic kthread step; the front's grant and post of
 *   a request is one step, as in the reference.
 * - blkfront never enters its ERROR state: a grant the backend keeps mapped is kept.
 */
import { compileLayout } from '../../src/layout/compile.js';
import type { Layout } from '../../src/layout/layout.js';
import type { Action } from '../../src/model/action.js';
import { formatActionDefault } from '../../src/model/action.js';
import type { ModelDefinition } from '../../src/model/definition.js';
import { layoutModel } from '../../src/model/layoutModel.js';
import type { JsonObject, JsonValue } from '../../src/util/json.js';
import { backCommands } from './back.js';
import { frontCommands } from './front.js';
import { SEG_PARAMS, toSegParams, validateSegParams, type SegParams } from './params.js';
import { segProperties } from './properties.js';
import { referenceLifecycle } from './reuse.js';
import { initSegments, NONE, segShape, type SegState } from './state.js';
import { SEG_VARIANTS, segFeaturesOf, type SegVariant } from './variants.js';

export function segmentsActor(a: Action): string {
  return a.type.startsWith('Front') || a.type === 'DeferredRelease' ? 'frontend' : 'backend';
}

/** `FrontSubmit(s=0: e1+g2, e0)`: entry e1 granted fresh gref g2, entry e0 reusing its gref; `FrontSubmitRaw(s=0: g1, g1)`. */
export function formatSegmentsAction(p: SegParams, a: Action): string {
  if (a.type !== 'FrontSubmit' && a.type !== 'FrontSubmitRaw') return formatActionDefault(a);
  const segs: string[] = [];
  for (let i = 0; i < p.S; i++) {
    const g = a[`g${i}`];
    if (a.type === 'FrontSubmitRaw') {
      if (g === p.G) break;
      segs.push(`g${String(g)}`);
    } else {
      const e = a[`e${i}`];
      if (e === p.P) break;
      segs.push(g === p.G ? `e${String(e)}` : `e${String(e)}+g${String(g)}`);
    }
  }
  return `${a.type}(s=${String(a['s'])}: ${segs.join(', ')})`;
}

export function segmentsModel(p: SegParams, variant: SegVariant | null = null) {
  const f = segFeaturesOf(variant);
  const layout = compileLayout(segShape(p, f)) as unknown as Layout<SegState>;
  const name =
    `blkif-segments P=${p.P} G=${p.G} R=${p.R} S=${p.S} B=${p.B} C=${p.C} MAXP=${p.MAXP} FP=${p.FP} BP=${p.BP}` +
    ` HOSTILE=${p.HOSTILE} NOMEM=${p.NOMEM} PURGE=${p.PURGE}` +
    (variant ? ` variant=${variant}` : '');
  const model = layoutModel<SegState, Action>({
    name,
    layout,
    inits: [(v) => initSegments(v, p)],
    commands: [
      ...referenceLifecycle<SegState>(p, !f.gnttabV2),
      ...frontCommands(p, f),
      ...backCommands(p, f, (v) => {
        const from = layout.offset(v);
        return layout.viewOf(layout.buffer(v).slice(from, from + layout.words), 0);
      }),
    ],
    properties: segProperties(p),
    actorOf: segmentsActor,
    formatAction: (a) => formatSegmentsAction(p, a),
  });
  const raw = model.snapshot!;
  // Traces show "none" instead of the -1 that encodes it.
  const named = (x: JsonValue): JsonValue => (Array.isArray(x) ? x.map(named) : x === NONE ? 'none' : x);
  model.snapshot = (s) => {
    const o = raw(s) as JsonObject;
    for (const k of ['entGref', 'segEnt', 'segGref', 'segStale']) if (k in o) o[k] = named(o[k]!);
    return o;
  };
  return model;
}

export const blkifSegments: ModelDefinition = {
  id: 'blkif-segments',
  title: 'Xen blkif with persistent grants: multi-segment requests and xen_blkbk_map as Linux runs it',
  source:
    'shared/reference/xen-blkif-digest.md §1.5, §2.4-2.9, §4; Linux xen-blkback blkback.c (xen_blkbk_map, add/get/put_persistent_gnt)',
  params: SEG_PARAMS,
  variants: SEG_VARIANTS,
  validate: validateSegParams,
  build: (params, variant) => segmentsModel(toSegParams(params), variant as SegVariant | null),
};
