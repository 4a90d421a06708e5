import { describe, expect, it } from 'vitest';
import { COST_ASSUMPTIONS, describeAssumptions, throughputAt, throughputCurve } from './throughput.js';

const PRE_2012 = { maps: 1, unmaps: 1, flushes: 1 };
const PERSISTENT = { maps: 0.004, unmaps: 0.004, flushes: 0.002 };

describe('the throughput cost model', () => {
  it('pins the pre-2012 protocol: guest-bound at 5 guests, dom0-bound at 10', () => {
    const five = throughputAt(COST_ASSUMPTIONS, PRE_2012, 5);
    expect(five).toEqual({ guests: 5, iops: 500_000, flushTargets: 5, dom0UsPerRequest: 32, limitedBy: 'guests' });
    const ten = throughputAt(COST_ASSUMPTIONS, PRE_2012, 10);
    expect(ten.dom0UsPerRequest).toBe(47);
    expect(ten.limitedBy).toBe('dom0');
    expect(Math.round(ten.iops)).toBe(510_638);
  });

  it('caps the flush targets at the dom0 vCPUs', () => {
    expect(throughputAt(COST_ASSUMPTIONS, PRE_2012, 30).flushTargets).toBe(24);
  });

  it('persistent grants are never below the pre-2012 protocol, and pre-2012 declines once dom0-bound', () => {
    const p = throughputCurve(COST_ASSUMPTIONS, PERSISTENT, 16);
    const q = throughputCurve(COST_ASSUMPTIONS, PRE_2012, 16);
    p.forEach((pt, i) => expect(pt.iops).toBeGreaterThanOrEqual(q[i]!.iops));
    const peak = q.reduce((best, pt) => (pt.iops > best.iops ? pt : best));
    expect(peak.guests).toBe(7);
    for (const pt of q.filter((x) => x.guests > peak.guests)) expect(pt.limitedBy).toBe('dom0');
    expect(q[15]!.iops).toBeLessThan(q[9]!.iops);
  });

  it('states every assumption with its number', () => {
    const text = describeAssumptions(COST_ASSUMPTIONS).join('\n');
    for (const n of ['24 vCPUs', '100,000 requests', '15 µs', '1 µs', '2 µs']) expect(text).toContain(n);
  });
});
