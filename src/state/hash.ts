/**
 * A 64-bit fingerprint of a run of 32-bit words, as two 32-bit murmur3 lanes with
 * fixed, different seeds. Fixed seeds keep fingerprints stable across runs and builds.
 * The result is left in `lo`/`hi` rather than returned, so hashing allocates nothing.
 */
export class WordHasher {
  lo = 0;
  hi = 0;

  hash(b: Uint32Array, o: number, n: number): void {
    let h1 = 0x9747b28c ^ n;
    let h2 = 0x2f1a3b5d ^ Math.imul(n, 0x85ebca6b);
    for (let i = 0; i < n; i++) {
      let k = Math.imul(b[o + i]!, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, 0x1b873593);
      h1 ^= k;
      h1 = (h1 << 13) | (h1 >>> 19);
      h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
      let j = Math.imul(b[o + i]! ^ 0x5bd1e995, 0x27d4eb2f);
      j = (j << 17) | (j >>> 15);
      j = Math.imul(j, 0x165667b1);
      h2 ^= j;
      h2 = (h2 << 11) | (h2 >>> 21);
      h2 = (Math.imul(h2, 9) + 0x7feb352d) | 0;
    }
    this.lo = fmix(h1 ^ h2 ^ n) >>> 0;
    this.hi = fmix(h2 + Math.imul(h1, 0x9e3779b1)) >>> 0;
  }
}

/**
 * A 32-bit hash of a run of words (unsigned result), for tables that only need 32 bits
 * and compare the state itself, so a collision costs a comparison, never a wrong
 * answer: per word one multiply-xorshift step (a bijection of the running value for
 * each word), then murmur3's finaliser, which spreads every input bit over the slot
 * index and the tag. About half the operations of a murmur3 lane.
 */
export function hash32(b: Uint32Array, o: number, n: number): number {
  let h = 0x9747b28c ^ n;
  for (let i = 0; i < n; i++) {
    h = Math.imul(h ^ b[o + i]!, 0x9e3779b1);
    h ^= h >>> 15;
  }
  return fmix(h) >>> 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
