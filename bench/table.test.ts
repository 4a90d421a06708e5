import { describe, expect, it } from 'vitest';
import { geometricMean, median } from './table.js';

describe('bench summaries', () => {
  it('median takes the middle value, or the mean of the two middle ones', () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2])]).toEqual([2, 2.5]);
  });

  it('geometric mean of ratios: a ratio and its inverse cancel', () => {
    expect(geometricMean([1.25, 0.8])).toBeCloseTo(1, 12);
    expect(geometricMean([2, 8])).toBeCloseTo(4, 12);
    expect(geometricMean([1.07])).toBeCloseTo(1.07, 12);
  });
});
