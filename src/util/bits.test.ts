import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowBits, lowestBit, popcount32 } from './bits.js';

describe('bit-set helpers', () => {
  it('popcount32 counts the set bits of a 32-bit word', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }), (x) => {
        const expected = [...(x >>> 0).toString(2)].filter((c) => c === '1').length;
        expect(popcount32(x)).toBe(expected);
      }),
    );
    expect([popcount32(0), popcount32(-1), popcount32(0x80000000)]).toEqual([0, 32, 1]);
  });

  it('lowestBit is the index of the lowest set bit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 32 - 1 }), (x) => {
        const i = lowestBit(x);
        expect((x >>> i) & 1).toBe(1);
        expect(x & ((2 ** i - 1) >>> 0)).toBe(0);
      }),
    );
    expect([lowestBit(1), lowestBit(12), lowestBit(0x80000000)]).toEqual([0, 2, 31]);
  });

  it('lowBits sets the low n bits', () => {
    expect([lowBits(0), lowBits(1), lowBits(5), lowBits(31), lowBits(32)]).toEqual([0, 1, 31, 0x7fffffff, 0xffffffff]);
  });
});
