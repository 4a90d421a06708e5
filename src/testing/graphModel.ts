/**
 * Explicit directed graphs as models, for testing the checker against a naive
 * explorer. A state is a node; an action follows one edge. The same graph is offered
 * as a plain model and as a packed one, so both kernels can be compared.
 */
import { compileLayout } from '../layout/compile.js';
import { int, record, type ViewOf } from '../layout/shape.js';
import { family, layoutModel } from '../model/layoutModel.js';
import type { Model } from '../model/model.js';
import { always } from '../model/property.js';

export interface Graph {
  readonly nodes: number;
  /** Edges as [from, to]; duplicates and self-loops allowed. */
  readonly edges: readonly (readonly [number, number])[];
  readonly inits: readonly number[];
  /** Nodes where the invariant `notBad` fails. */
  readonly bad: readonly number[];
}

export interface GraphState {
  readonly node: number;
}
export type GraphAction = { readonly type: 'Edge'; readonly e: number };

export function plainGraphModel(g: Graph): Model<GraphState, GraphAction> {
  return {
    name: 'graph (plain)',
    initStates: () => g.inits.map((node) => ({ node })),
    actions: (s) =>
      g.edges.flatMap(([from], e) => (from === s.node ? [{ type: 'Edge' as const, e }] : [])),
    nextState: (_s, a) => ({ node: g.edges[a.e]![1] }),
    properties: [always<GraphState>('notBad', (s) => !g.bad.includes(s.node))],
    actionTypes: ['Edge'],
  };
}

export function packedGraphModel(g: Graph) {
  const shape = record({ node: int(0, Math.max(0, g.nodes - 1)) });
  type V = ViewOf<typeof shape>;
  const layout = compileLayout(shape);
  return layoutModel<V, GraphAction>({
    name: 'graph (packed)',
    layout,
    inits: g.inits.map((n) => (v: V) => {
      v.node = n;
    }),
    commands: family<V, 'e'>(
      'Edge',
      { e: g.edges.length },
      (v, { e }) => v.node === g.edges[e]![0],
      (v, { e }) => {
        v.node = g.edges[e]![1];
      },
    ) as never,
    properties: [always<V>('notBad', (v) => !g.bad.includes(v.node))],
  });
}

/** Reference answers by the simplest possible BFS over the adjacency lists. */
export function naiveExplore(g: Graph): {
  reachable: Set<number>;
  distance: Map<number, number>;
  transitions: number;
  shortestBad: number | null;
  shortestDeadlock: number | null;
} {
  const distance = new Map<number, number>();
  const queue: number[] = [];
  for (const n of g.inits) {
    if (!distance.has(n)) {
      distance.set(n, 0);
      queue.push(n);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i]!;
    for (const [from, to] of g.edges) {
      if (from === n && !distance.has(to)) {
        distance.set(to, distance.get(n)! + 1);
        queue.push(to);
      }
    }
  }
  const reachable = new Set(distance.keys());
  let transitions = 0;
  for (const [from] of g.edges) if (reachable.has(from)) transitions++;
  const min = (xs: number[]): number | null => (xs.length ? Math.min(...xs) : null);
  const shortestBad = min([...reachable].filter((n) => g.bad.includes(n)).map((n) => distance.get(n)!));
  const shortestDeadlock = min(
    [...reachable].filter((n) => !g.edges.some(([f]) => f === n)).map((n) => distance.get(n)!),
  );
  return { reachable, distance, transitions, shortestBad, shortestDeadlock };
}
