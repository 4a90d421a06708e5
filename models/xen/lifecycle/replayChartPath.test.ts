import { describe, expect, it } from 'vitest';
import type { Action } from '../../../src/model/action.js';
import { blkifModel } from '../../blkif/model.js';
import type { BlkifParams } from '../../blkif/params.js';
import type { BlkifState } from '../../blkif/state.js';
import { blkifConformance } from './blkifProjection.js';
import { blkLifecycleChart } from './blkLifecycle.js';
import { formatEdge } from './chartEdge.js';
import { chartEdges, chartTestModel } from './chartGraph.js';
import { formatReplayFailure, replayChartPath, type ChartPath, type ReplayedStep } from './replayChartPath.js';
import { chartValueOf } from './splitDriverChart.js';

const DEFAULT: BlkifParams = { P: 2, G: 3, R: 2, C: 2, MAXP: 2, FP: true, BP: true };
const model = blkifModel(DEFAULT);
const conformance = blkifConformance();
const testModel = chartTestModel(blkLifecycleChart);
const allChartEdges = new Set(chartEdges(blkLifecycleChart).map(formatEdge));

/** The chart edges a path takes (step 0 is `xstate.init`). */
function edgesOf(path: ChartPath): string[] {
  return path.steps.slice(1).map((step, i) =>
    formatEdge({
      from: chartValueOf(path.steps[i]!.state.value),
      event: step.event.type,
      to: chartValueOf(step.state.value),
    }),
  );
}

const countBy = (steps: readonly ReplayedStep<Action>[], origin: ReplayedStep<Action>['origin']): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const s of steps) if (s.origin === origin) out[s.action.type] = (out[s.action.type] ?? 0) + 1;
  return out;
};

/** Keeps I/O in flight: submit and map whenever the model can. */
const keepBusy = (_: BlkifState, enabled: readonly Action[]): Action | null =>
  enabled.find((a) => a.type === 'FrontSubmitGrant' || a.type === 'FrontSubmitReuse' || a.type === 'BackMap') ?? null;

describe('chart paths from xstate/graph replay on the blkif model', () => {
  it('the shortest paths take every chart edge and replay step for step', () => {
    const paths = testModel.getShortestPaths();
    expect(paths.map((p) => p.steps.map((s) => s.event.type).join(' '))).toEqual([
      'xstate.init BackProbe FrontInit BackConnect BackClose FrontClosed BackDisconnect FrontReinit BackReprobe',
      'xstate.init BackProbe FrontInit BackConnect FrontConnect BackClose FrontClose FrontClosed',
      'xstate.init BackProbe FrontInit BackConnect FrontConnect BackClose FrontClosed',
      'xstate.init BackProbe FrontInit BackConnect FrontConnect FrontClose BackClose',
    ]);
    expect(new Set(paths.flatMap(edgesOf))).toEqual(allChartEdges);
    for (const path of paths) {
      const r = replayChartPath(model, conformance, path);
      expect(r.ok).toBe(true);
      // Nothing had to be inserted: every chart event was enabled in the model as it came.
      expect(r.steps.map((s) => s.action.type)).toEqual(path.steps.slice(1).map((s) => s.event.type));
      expect(r.steps.every((s) => s.origin === 'chart')).toBe(true);
    }
  });

  it('with I/O kept in flight, the replay completes the I/O before BackDisconnect and frees the pool before FrontReinit', () => {
    const paths = testModel.getShortestPathsFrom(testModel.getShortestPaths());
    expect(paths).toHaveLength(16);
    expect(new Set(paths.flatMap(edgesOf))).toEqual(allChartEdges);
    const inserted: Record<string, number> = {};
    const between: Record<string, number> = {};
    const before: Record<string, number> = {};
    for (const path of paths) {
      const r = replayChartPath(model, conformance, path, { between: keepBusy });
      expect(r.ok).toBe(true);
      // Every chart event was taken, in order; the rest is internal to the model.
      expect(r.steps.filter((s) => s.origin === 'chart').map((s) => s.action.type)).toEqual(
        path.steps.slice(1).map((s) => s.event.type),
      );
      for (const [t, n] of Object.entries(countBy(r.steps, 'inserted'))) inserted[t] = (inserted[t] ?? 0) + n;
      for (const [t, n] of Object.entries(countBy(r.steps, 'between'))) between[t] = (between[t] ?? 0) + n;
      r.steps.forEach((s, i) => {
        if (s.origin === 'chart' && r.steps[i - 1]?.origin === 'inserted') before[s.action.type] = (before[s.action.type] ?? 0) + 1;
      });
    }
    expect(between).toEqual({ FrontSubmitGrant: 48, BackMap: 48 });
    expect(inserted).toEqual({ BackIo: 24, BackRespond: 24, FrontFree: 12 });
    expect(before).toEqual({ BackDisconnect: 12, FrontReinit: 12 });
  });

  it('fails on a path the model cannot follow', () => {
    const init = { event: { type: 'xstate.init' }, state: { value: { front: 'Initialising', back: 'Initialising' } } };
    const frontFirst: ChartPath = {
      steps: [init, { event: { type: 'FrontInit' }, state: { value: { front: 'Initialised', back: 'Initialising' } } }],
    };
    const stuck = replayChartPath(model, conformance, frontFirst);
    expect(stuck.ok ? null : formatReplayFailure(stuck.failure)).toBe(
      'step 1: no model action FrontInit can be enabled from (Initialising, Initialising) by internal steps (1 states searched)',
    );
    expect(stuck).toEqual({
      ok: false,
      steps: [],
      failure: {
        kind: 'no-model-step',
        index: 1,
        event: 'FrontInit',
        from: { front: 'Initialising', back: 'Initialising' },
        searched: 1,
      },
    });
    const probeConnects: ChartPath = {
      steps: [init, { event: { type: 'BackProbe' }, state: { value: { front: 'Initialising', back: 'Connected' } } }],
    };
    expect(replayChartPath(model, conformance, probeConnects)).toEqual({
      ok: false,
      steps: [],
      failure: {
        kind: 'wrong-target',
        index: 1,
        event: 'BackProbe',
        expected: { front: 'Initialising', back: 'Connected' },
        actual: { front: 'Initialising', back: 'InitWait' },
      },
    });
  });
});
