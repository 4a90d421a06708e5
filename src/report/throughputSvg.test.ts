import { describe, expect, it } from 'vitest';
import { COST_ASSUMPTIONS, MEASURED_2012, throughputCurve } from '../cost/throughput.js';
import { iopsTick, niceStep, renderThroughputSvg } from './throughputSvg.js';
import { xmlProblem } from './testing/wellFormedXml.js';

describe('the throughput plot', () => {
  const curves = [
    { key: 'persistent', label: 'persistent <grants>', points: throughputCurve(COST_ASSUMPTIONS, { maps: 0, unmaps: 0, flushes: 0 }, 16) },
    { key: 'pre-2012', label: 'pre-2012 & co', points: throughputCurve(COST_ASSUMPTIONS, { maps: 1, unmaps: 1, flushes: 1 }, 16) },
  ];
  const svg = renderThroughputSvg(curves, MEASURED_2012);

  it('is well-formed SVG with escaped labels', () => {
    expect(xmlProblem(svg)).toBeNull();
    expect(svg).toContain('model: persistent &lt;grants&gt;');
    expect(svg).toContain('model: pre-2012 &amp; co');
  });

  it('draws one polyline per curve through every guest count, and the measurements as marked points', () => {
    const lines = [...svg.matchAll(/<polyline class="curve" data-key="([^"]+)" points="([^"]+)"/g)];
    expect(lines.map((m) => m[1])).toEqual(['persistent', 'pre-2012']);
    for (const m of lines) expect(m[2]!.split(' ')).toHaveLength(16);
    expect(svg.match(/<path class="measurement"/g)).toHaveLength(2);
    expect(svg).toContain('650,000 measured');
    expect(svg).toContain('400,000 measured');
    expect(svg).toContain('measured 2012, pre-2012 (no persistent grants)');
  });

  it('puts the flat persistent curve at the top of the axis and labels round ticks', () => {
    // 1.6M at 16 guests (dom0 capacity 24 / 15 µs): the axis goes to 1.75M in steps of 250k.
    expect(svg).toContain('>1.75M</text>');
    expect(svg).not.toContain('>2M</text>');
    expect(niceStep(1_728_000)).toBe(250_000);
    expect([0, 250_000, 1_500_000].map(iopsTick)).toEqual(['0', '250k', '1.5M']);
  });

  it('is the same text for the same input', () => {
    expect(renderThroughputSvg(curves, MEASURED_2012)).toBe(svg);
  });
});
