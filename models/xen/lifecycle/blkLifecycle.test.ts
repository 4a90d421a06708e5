import { describe, expect, it } from 'vitest';
import { blkifModel } from '../../blkif/model.js';
import { BLK_LIFECYCLE_EVENTS, blkLifecycleChart } from './blkLifecycle.js';
import { formatEdge } from './chartEdge.js';
import { chartConfigurations, chartEdges } from './chartGraph.js';
import { chartEvents, chartStep, formatChartValue, type ChartValue } from './splitDriverChart.js';

const DEFAULT = { P: 2, G: 3, R: 2, C: 2, MAXP: 2, FP: true, BP: true };

describe('the block driver lifecycle chart', () => {
  it('reacts to exactly the blkif lifecycle actions that move a XenBus state', () => {
    expect([...chartEvents(blkLifecycleChart)].sort()).toEqual([...BLK_LIFECYCLE_EVENTS].sort());
    const modelTypes = blkifModel(DEFAULT).actionTypes!;
    expect(modelTypes.filter((t) => !chartEvents(blkLifecycleChart).has(t))).toEqual([
      'FrontFree',
      'DeferredRelease',
      'FrontSubmitReuse',
      'FrontSubmitGrant',
      'BackMap',
      'BackIo',
      'BackRespond',
      'FrontComplete',
    ]);
    for (const e of BLK_LIFECYCLE_EVENTS) expect(modelTypes).toContain(e);
  });

  it('reaches 12 configurations', () => {
    expect(chartConfigurations(blkLifecycleChart).map(formatChartValue)).toEqual([
      '(Initialising, Initialising)',
      '(Initialising, InitWait)',
      '(Initialised, InitWait)',
      '(Initialised, Connected)',
      '(Connected, Connected)',
      '(Initialised, Closing)',
      '(Connected, Closing)',
      '(Closing, Connected)',
      '(Closed, Closing)',
      '(Closing, Closing)',
      '(Closed, Closed)',
      '(Initialising, Closed)',
    ]);
  });

  it('has 15 steps between them', () => {
    const edges = chartEdges(blkLifecycleChart).map(formatEdge);
    expect(edges).toHaveLength(15);
    expect(new Set(edges)).toEqual(new Set([
      '(Initialising, Initialising) -BackProbe-> (Initialising, InitWait)',
      '(Initialising, InitWait) -FrontInit-> (Initialised, InitWait)',
      '(Initialised, InitWait) -BackConnect-> (Initialised, Connected)',
      '(Initialised, Connected) -FrontConnect-> (Connected, Connected)',
      '(Initialised, Connected) -BackClose-> (Initialised, Closing)',
      '(Connected, Connected) -FrontClose-> (Closing, Connected)',
      '(Connected, Connected) -BackClose-> (Connected, Closing)',
      '(Initialised, Closing) -FrontClosed-> (Closed, Closing)',
      '(Connected, Closing) -FrontClose-> (Closing, Closing)',
      '(Connected, Closing) -FrontClosed-> (Closed, Closing)',
      '(Closing, Connected) -BackClose-> (Closing, Closing)',
      '(Closed, Closing) -BackDisconnect-> (Closed, Closed)',
      '(Closing, Closing) -FrontClosed-> (Closed, Closing)',
      '(Closed, Closed) -FrontReinit-> (Initialising, Closed)',
      '(Initialising, Closed) -BackReprobe-> (Initialising, InitWait)',
    ]));
  });

  it('guards each step on the peer', () => {
    const at = (front: ChartValue['front'], back: ChartValue['back']): ChartValue => ({ front, back });
    expect(chartStep(blkLifecycleChart, at('Initialising', 'Initialising'), 'FrontInit')).toBeNull();
    expect(chartStep(blkLifecycleChart, at('Initialised', 'Initialising'), 'BackConnect')).toBeNull();
    expect(chartStep(blkLifecycleChart, at('Initialised', 'InitWait'), 'FrontConnect')).toBeNull();
    expect(chartStep(blkLifecycleChart, at('Connected', 'Connected'), 'FrontClosed')).toBeNull();
    expect(chartStep(blkLifecycleChart, at('Closing', 'Closing'), 'BackDisconnect')).toBeNull();
    expect(chartStep(blkLifecycleChart, at('Closed', 'Closing'), 'FrontReinit')).toBeNull();
    expect(chartStep(blkLifecycleChart, at('Initialising', 'Closing'), 'BackReprobe')).toBeNull();
    // A step of one region never moves the other.
    expect(chartStep(blkLifecycleChart, at('Closing', 'Connected'), 'BackClose')).toEqual(at('Closing', 'Closing'));
  });

  it("keeps the drivers' wider peer guards, which no reachable configuration enables", () => {
    const reachable = new Set(chartConfigurations(blkLifecycleChart).map(formatChartValue));
    const wider: [ChartValue, string, ChartValue][] = [
      [{ front: 'Initialising', back: 'Connected' }, 'FrontInit', { front: 'Initialised', back: 'Connected' }],
      [{ front: 'Connected', back: 'InitWait' }, 'BackConnect', { front: 'Connected', back: 'Connected' }],
      [{ front: 'Initialised', back: 'Closed' }, 'FrontClosed', { front: 'Closed', back: 'Closed' }],
      [{ front: 'Connected', back: 'Closed' }, 'FrontClosed', { front: 'Closed', back: 'Closed' }],
      [{ front: 'Closing', back: 'Closed' }, 'FrontClosed', { front: 'Closed', back: 'Closed' }],
    ];
    for (const [from, event, to] of wider) {
      expect(chartStep(blkLifecycleChart, from, event)).toEqual(to);
      expect(reachable.has(formatChartValue(from))).toBe(false);
    }
  });
});
