/** Bit-set helpers for the 32-bit masks that `maskOf`, `matchMask` and `bits` return. */

/** The number of set bits of `x` (as a 32-bit word). */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** The low `n` bits set, for 0 <= n <= 32 (unsigned). */
export function lowBits(n: number): number {
  return n >= 32 ? 0xffffffff : (1 << n) - 1 >>> 0;
}

/** The index of the lowest set bit of `x` (x !== 0). */
export function lowestBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}
