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
