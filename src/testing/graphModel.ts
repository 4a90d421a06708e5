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

/**
 * The graph as a packed model whose state spans three words: the node's digits in base
 * 3, 3 and the rest, each declared with a 30-bit range. Two nodes can agree on any one
 * or two words, so a store that compares or hashes only part of a state loses states.
 */
export function wideGraphModel(g: Graph) {
  const shape = record({ lo: int(0, 2 ** 30 - 1), mid: int(0, 2 ** 30 - 1), hi: int(0, 2 ** 30 - 1) });
  type V = ViewOf<typeof shape>;
  const nodeOf = (v: V): number => v.lo + 3 * v.mid + 9 * v.hi;
  const setNode = (v: V, n: number): void => {
    v.lo = n % 3;
    v.mid = Math.floor(n / 3) % 3;
    v.hi = Math.floor(n / 9);
  };
  return layoutModel<V, GraphAction>({
    name: 'graph (packed, three words)',
    layout: compileLayout(shape),
    inits: g.inits.map((n) => (v: V) => setNode(v, n)),
    commands: family<V, 'e'>(
      'Edge',
      { e: g.edges.length },
      (v, { e }) => nodeOf(v) === g.edges[e]![0],
      (v, { e }) => setNode(v, g.edges[e]![1]),
    ) as never,
    properties: [always<V>('notBad', (v) => !g.bad.includes(nodeOf(v)))],
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
  const out = new Map<number, number[]>();
  for (const [from, to] of g.edges) out.set(from, [...(out.get(from) ?? []), to]);
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
    for (const to of out.get(n) ?? []) {
      if (!distance.has(to)) {
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
  const shortestDeadlock = min([...reachable].filter((n) => !out.has(n)).map((n) => distance.get(n)!));
  return { reachable, distance, transitions, shortestBad, shortestDeadlock };
}
