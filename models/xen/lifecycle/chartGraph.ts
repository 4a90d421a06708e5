/**
 * A chart's reachable graph, and test paths over it, from xstate/graph.
 *
 * xstate/graph offers every event a state node has a transition for, whether or not
 * its guard holds; a guard-false event "leads" to an unchanged snapshot, which
 * `createTestModel`'s transition-aware serialisation then counts as a new vertex. Both
 * here therefore keep only events the chart can take (`snapshot.can`).
 */
import { getAdjacencyMap, adjacencyMapToArray, createTestModel } from 'xstate/graph';
import type { AnyStateMachine } from 'xstate';
import type { ChartEdge } from './chartEdge.js';
import { chartValueOf, type ChartValue } from './splitDriverChart.js';

const enabled = (snapshot: { can(e: { type: string }): boolean }, event: { type: string }): boolean => snapshot.can(event);

/** Every configuration reachable from the chart's initial one, in breadth-first order. */
export function chartConfigurations(chart: AnyStateMachine): ChartValue[] {
  const adjacency = getAdjacencyMap(chart, { filterEvents: enabled });
  return Object.values(adjacency).map((a) => chartValueOf(a.state.value));
}

/** Every step the chart can take from a reachable configuration. */
export function chartEdges(chart: AnyStateMachine): ChartEdge[] {
  const adjacency = getAdjacencyMap(chart, { filterEvents: enabled });
  return adjacencyMapToArray(adjacency).map((t) => ({
    from: chartValueOf(t.state.value),
    event: t.event.type,
    to: chartValueOf(t.nextState.value),
  }));
}

/**
 * The chart as an xstate test model. It tells states apart by the step that entered
 * them, so `getShortestPaths()` has a shortest path ending in each chart edge (paths that
 * are a prefix of another are dropped unless `allowDuplicatePaths`).
 */
export function chartTestModel(chart: AnyStateMachine) {
  return createTestModel(chart, { filterEvents: enabled });
}
