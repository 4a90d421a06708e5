/**
 * A packed graph model (as in graphModel.ts) with one planted fault, for testing how
 * the checker reports a model that breaks its contract: a transition that throws, a
 * property that throws, or a nondeterministic transition (its target alternates).
 */
import { compileLayout } from '../layout/compile.js';
import { int, record, type ViewOf } from '../layout/shape.js';
import { family, layoutModel } from '../model/layoutModel.js';
import { always } from '../model/property.js';
import type { Graph, GraphAction } from './graphModel.js';

export interface GraphFault {
  readonly kind: 'action-throws' | 'property-throws' | 'nondeterministic';
  /** The node where the fault shows: leaving it throws, checking it throws, or leaving it is nondeterministic. */
  readonly node: number;
}

export function faultyGraphModel(g: Graph, fault: GraphFault) {
  const shape = record({ node: int(0, Math.max(0, g.nodes - 1)) });
  type V = ViewOf<typeof shape>;
  let flips = 0;
  return layoutModel<V, GraphAction>({
    name: `graph (packed, ${fault.kind} at node ${fault.node})`,
    layout: compileLayout(shape),
    inits: g.inits.map((n) => (v: V) => {
      v.node = n;
    }),
    commands: family<V, 'e'>(
      'Edge',
      { e: g.edges.length },
      (v, { e }) => v.node === g.edges[e]![0],
      (v, { e }) => {
        const [from, to] = g.edges[e]!;
        if (from === fault.node && fault.kind === 'action-throws') throw new Error(`edge ${e} is broken`);
        v.node = from === fault.node && fault.kind === 'nondeterministic' && flips++ % 2 === 1 ? from : to;
      },
    ) as never,
    properties: [
      always<V>('notBad', (v) => {
        if (v.node === fault.node && fault.kind === 'property-throws') throw new Error(`cannot judge node ${v.node}`);
        return !g.bad.includes(v.node);
      }),
    ],
  });
}
