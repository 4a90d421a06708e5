import fc from 'fast-check';
import type { Graph } from './graphModel.js';

/** Random small graphs: 1-24 nodes, up to 60 edges, 1-3 initial nodes, a few bad nodes. */
export const graphArb: fc.Arbitrary<Graph> = fc.integer({ min: 1, max: 24 }).chain((nodes) =>
  fc.record({
    nodes: fc.constant(nodes),
    edges: fc.array(fc.tuple(fc.nat(nodes - 1), fc.nat(nodes - 1)), { maxLength: 60 }),
    inits: fc.uniqueArray(fc.nat(nodes - 1), { minLength: 1, maxLength: 3 }),
    bad: fc.uniqueArray(fc.nat(nodes - 1), { maxLength: 3 }),
  }),
);

/**
 * Larger random graphs for the stores' sake (250-500 nodes): a path through every node
 * from node 0, an initial state, plus random edges (a quarter as many as nodes), so that
 * every node is reachable and a store that compares only part of a state meets a
 * collision.
 */
export const largeGraphArb: fc.Arbitrary<Graph> = fc.integer({ min: 250, max: 500 }).chain((nodes) =>
  fc.record({
    nodes: fc.constant(nodes),
    edges: fc
      .array(fc.tuple(fc.nat(nodes - 1), fc.nat(nodes - 1)), { minLength: nodes >> 2, maxLength: nodes >> 2 })
      .map((random) => [...Array.from({ length: nodes - 1 }, (_, i) => [i, i + 1] as [number, number]), ...random]),
    inits: fc.uniqueArray(fc.nat(nodes - 1), { maxLength: 2 }).map((more) => [...new Set([0, ...more])]),
    bad: fc.uniqueArray(fc.nat(nodes - 1), { maxLength: 3 }),
  }),
);
